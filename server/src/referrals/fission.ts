import type { FissionInput, FissionProgress, FissionView } from "@scrm/shared";
import { In } from "typeorm";
import type { z } from "zod";
import type { AppDeps } from "../deps";
import { isDuplicateKey } from "../db/database";
import { AppError, NotFound, ValidationFailed } from "../http/errors";
import { newId } from "../platform/ids";
import { Campaign } from "../channels/campaign.entity";
import { claimCoupon } from "../coupons/claims";
import { stockNames } from "../coupons/stocks";
import { FissionCampaign, FissionReward } from "./fission.entity";
import { Referral, ReferralScore } from "./referral.entity";

type ParsedFission = z.output<typeof FissionInput>;

export async function setFission(deps: AppDeps, campaignId: string, input: ParsedFission): Promise<FissionView> {
  const { db } = deps;
  if (!(await db.manager.existsBy(Campaign, { id: campaignId }))) throw NotFound("Campaign");
  const names = await stockNames(deps, campaignId);
  const unknown = input.tiers.findIndex((t) => !names.has(t.stockId));
  if (unknown >= 0) throw ValidationFailed([{ path: `tiers.${unknown}.stockId`, message: "not a coupon stock of this campaign" }]);
  const tiers = [...input.tiers].sort((a, b) => a.threshold - b.threshold);
  await db.transaction((em) => em.save(FissionCampaign, { campaignId, tiers, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) }));
  return getFission(deps, campaignId);
}

export async function getFission(deps: Pick<AppDeps, "db">, campaignId: string): Promise<FissionView> {
  const fission = await deps.db.manager.findOneBy(FissionCampaign, { campaignId });
  if (!fission) throw NotFound("Fission campaign");
  const names = await stockNames(deps, campaignId);
  return {
    campaignId,
    tiers: fission.tiers.map((t) => ({ ...t, stockName: names.get(t.stockId) ?? "" })),
    startsAt: fission.startsAt.toISOString(),
    endsAt: fission.endsAt.toISOString(),
  };
}

/** A customer's qualified invites in a campaign: the all-time leaderboard counter. */
async function qualifiedOf({ db }: Pick<AppDeps, "db">, campaignId: string, customerId: string): Promise<number> {
  const score = await db.manager.findOneBy(ReferralScore, { campaignId, board: "customer", metric: "qualified", period: "all", memberId: customerId });
  return score?.score ?? 0;
}

export async function progressOf(deps: AppDeps, campaignId: string, customerId: string): Promise<FissionProgress> {
  const { db, clock } = deps;
  const fission = await db.manager.findOneBy(FissionCampaign, { campaignId });
  const qualified = await qualifiedOf(deps, campaignId, customerId);
  const pending = await db.manager.countBy(Referral, { campaignId, referrerKind: "customer", referrerId: customerId, state: "pending" });
  const names = await stockNames(deps, campaignId);
  const granted = new Set((await db.manager.findBy(FissionReward, { campaignId, customerId })).map((r) => r.threshold));
  const tiers = (fission?.tiers ?? []).map((t) => ({ ...t, stockName: names.get(t.stockId) ?? "", granted: granted.has(t.threshold) }));
  const next = tiers.find((t) => t.threshold > qualified);
  const now = clock.now();
  return { campaignId, qualified, pending, tiers, toNextTier: next ? next.threshold - qualified : null, live: !!fission && fission.startsAt <= now && now < fission.endsAt };
}

/**
 * Grants the tiers a customer referrer has reached, each once: the coupon is claimed with an
 * Idempotency-Key made of the campaign and the tier, so two qualifications racing claim one
 * coupon, and the reward row is unique per campaign, customer and tier.
 */
export async function grantRewards(deps: AppDeps, campaignId: string, customerId: string): Promise<number> {
  const { db, clock, logger } = deps;
  const fission = await db.manager.findOneBy(FissionCampaign, { campaignId });
  const now = clock.now();
  if (!fission || now < fission.startsAt || now >= fission.endsAt) return 0;
  const qualified = await qualifiedOf(deps, campaignId, customerId);
  const done = new Set((await db.manager.find(FissionReward, { where: { campaignId, customerId, threshold: In(fission.tiers.map((t) => t.threshold)) } })).map((r) => r.threshold));
  let granted = 0;
  for (const tier of fission.tiers.filter((t) => t.threshold <= qualified && !done.has(t.threshold))) {
    let claimId: string | null = null;
    let failure: string | null = null;
    try {
      claimId = (await claimCoupon(deps, { customerId, idempotencyKey: `fission-${campaignId}-${tier.threshold}`, stockId: tier.stockId })).claim.id;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      failure = err.code;
      logger.warn({ campaignId, customerId, threshold: tier.threshold, code: err.code }, "fission reward coupon not granted");
    }
    try {
      await db.transaction((em) => em.insert(FissionReward, { id: newId(), campaignId, customerId, threshold: tier.threshold, stockId: tier.stockId, claimId, failure, grantedAt: now }));
      granted++;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err; // another instance recorded this tier (with the same claim)
    }
  }
  return granted;
}
