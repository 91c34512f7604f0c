import { IsNull } from "typeorm";
import type { SessionUser } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { isDuplicateKey } from "../db/database";
import { Campaign } from "../channels/campaign.entity";
import { NotFound } from "../http/errors";
import { newShortCode } from "../platform/shortCodes";
import { ReferralCode, type ReferrerKind } from "./referral.entity";

/** The page a referral code opens; the code is its `scene` (mini-program code) or `code` query (shared card). */
export const INVITE_PAGE = "pages/invite/index";

const newCode = () => newShortCode("r", 9);

type CodeDeps = Pick<AppDeps, "db">;

/** A referrer's code in a campaign, made on first request; the same one ever after. */
export async function referralCodeFor({ db }: CodeDeps, campaignId: string, referrerKind: ReferrerKind, referrerId: string): Promise<ReferralCode> {
  const where = { campaignId, referrerKind, referrerId };
  const existing = await db.manager.findOneBy(ReferralCode, where);
  if (existing) return existing;
  if (!(await db.manager.existsBy(Campaign, { id: campaignId, archivedAt: IsNull() }))) throw NotFound("Campaign");
  for (let attempt = 0; attempt < 5; attempt++) {
    const row: ReferralCode = { code: newCode(), ...where, createdAt: new Date() };
    try {
      await db.transaction((em) => em.insert(ReferralCode, row));
      return row;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // The same referrer asked twice at once (theirs wins), or, rarely, the random code was taken.
      const theirs = await db.manager.findOneBy(ReferralCode, where);
      if (theirs) return theirs;
    }
  }
  throw new Error("no free referral code after 5 attempts");
}

export const sharePathOf = (code: string): string => `${INVITE_PAGE}?code=${code}`;

/** Who refers as the signed-in user: customers on the customer board, staff and managers on the staff board. */
export const referrerOf = (user: SessionUser): [ReferrerKind, string] => [user.role === "customer" ? "customer" : "staff", user.id];
