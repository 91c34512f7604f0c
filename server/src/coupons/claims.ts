import type { Attribution } from "@scrm/shared";
import { IsNull, Not } from "typeorm";
import { NotFound } from "../http/errors";
import { newId } from "../platform/ids";
import type { CouponDeps } from "./deps";
import { CouponClaim } from "./claim.entity";
import type { CouponStock } from "./stock.entity";
import { IdempotencyKeyReused, isRefusal, refusalError, type Refusal } from "./errors";
import { offerEnded, validityWindow } from "./validity";

export interface ClaimInput {
  customerId: string;
  idempotencyKey: string;
  stockId: string;
  state?: string;
  attribution?: Pick<Attribution, "staffUserId" | "shareToken" | "referralCode">;
}

export interface Claimed {
  claim: CouponClaim;
  stock: CouponStock;
}

/**
 * Claims one coupon. Its transaction (shared with concurrent claims, see ClaimWriter) inserts the
 * claim under the unique keys (stock, customer, seq) — the per-customer limit — and (customer,
 * Idempotency-Key), and takes a unit with a conditional decrement: concurrent claims can neither
 * oversell nor over-grant. A repeated key answers the first claim, or the first refusal. A WeChat
 * Pay coupon is sent after the commit, from the outbox.
 */
export async function claimCoupon(deps: CouponDeps, input: ClaimInput): Promise<Claimed> {
  const stock = await deps.coupons.stockForClaim(input.stockId);
  if (!stock) {
    const earlier = await byKey(deps, input);
    if (earlier) return answerEarlier(deps, input, earlier);
    throw NotFound("Coupon stock");
  }
  const now = deps.clock.now();
  const channel = input.state ? await deps.channels.byState(input.state) : null;
  const attribution: Attribution = { campaignId: stock.campaignId, channelId: channel?.id, ...input.attribution };
  const refusal = refusalBefore(deps, stock, channel?.id, now);
  if (refusal) return refuse(deps, input, stock, attribution, refusal);

  // Each conflict means another claim of this customer committed meanwhile: at most `limit` of them can.
  for (let attempt = 0; attempt <= stock.perCustomerLimit; attempt++) {
    const seq = await freeSeq(deps, stock, input.customerId, attempt);
    if (seq === undefined) break;
    const claim = newClaim(input, stock, attribution, now, { seq, state: stock.kind === "wechatpay" ? "sending" : "issued" });
    const written = await deps.coupons.writer.claim(stock, { claim, attribution });
    if (written.kind === "claimed") {
      if (written.jobId) deps.outbox.kick(written.jobId);
      deps.coupons.alerts.noteClaim(stock.id);
      deps.materials.score({ customerId: claim.customerId, kind: "claim", at: claim.claimedAt, stockName: stock.name });
      return { claim, stock };
    }
    if (written.kind === "sold_out") {
      deps.coupons.noteSoldOut(stock.id);
      throw refusalError("sold_out"); // stored as a refused claim under this key by the same commit
    }
    const earlier = await byKey(deps, input);
    if (earlier) return answerEarlier(deps, input, earlier);
    // Another claim of this customer took this seq at the same moment: look again.
  }
  return refuse(deps, input, stock, attribution, "claim_limit_reached");
}

function refusalBefore(deps: CouponDeps, stock: CouponStock, channelId: string | undefined, now: Date): Refusal | undefined {
  if (stock.status !== "active" || offerEnded(stock.validity, now)) return "stock_paused";
  if (stock.channelIds.length > 0 && (!channelId || !stock.channelIds.includes(channelId))) return "channel_not_allowed";
  if (deps.coupons.recentlySoldOut(stock.id)) return "sold_out";
  return undefined;
}

/**
 * The lowest seq the customer does not hold, as far as a plain read can tell (the unique key has
 * the last word); none when they hold them all. A first claim on a one-per-customer stock skips
 * the read. Seqs freed by failed or sold-out claims are reused.
 */
async function freeSeq(deps: CouponDeps, stock: CouponStock, customerId: string, attempt: number): Promise<number | undefined> {
  if (stock.perCustomerLimit === 1 && attempt === 0) return 1;
  const held = await deps.db.manager.find(CouponClaim, { where: { stockId: stock.id, customerId, seq: Not(IsNull()) }, select: { seq: true } });
  const taken = new Set(held.map((c) => c.seq));
  for (let seq = 1; seq <= stock.perCustomerLimit; seq++) if (!taken.has(seq)) return seq;
  return undefined;
}

function newClaim(input: ClaimInput, stock: CouponStock, attribution: Attribution, now: Date, fields: Pick<CouponClaim, "seq" | "state">): CouponClaim {
  const window = validityWindow(stock.validity, now);
  return Object.assign(new CouponClaim(), {
    id: newId(),
    stockId: stock.id,
    customerId: input.customerId,
    idempotencyKey: input.idempotencyKey,
    refusal: null,
    channelId: attribution.channelId ?? null,
    attribution: JSON.stringify(attribution),
    claimedAt: now,
    validFrom: window.from,
    validTo: window.to,
    wechatpayCouponId: null,
    failure: null,
    redeemedAt: null,
    redeemedBy: null,
    redeemedStore: null,
    transactionId: null,
    consumeMchid: null,
    faceValueFen: null,
    ...fields,
  });
}

/** Keeps the refusal under its key (so a retry answers the same) and throws it; a key used before answers as it did then. */
async function refuse(deps: CouponDeps, input: ClaimInput, stock: CouponStock, attribution: Attribution, refusal: Refusal): Promise<Claimed> {
  const row = newClaim(input, stock, attribution, deps.clock.now(), { seq: null, state: "refused" });
  row.refusal = refusal;
  if (!(await deps.coupons.writer.refuse(row))) {
    const earlier = await byKey(deps, input);
    if (earlier) return answerEarlier(deps, input, earlier);
  }
  throw refusalError(refusal);
}

const byKey = (deps: CouponDeps, input: ClaimInput) =>
  deps.db.manager.findOneBy(CouponClaim, { customerId: input.customerId, idempotencyKey: input.idempotencyKey });

/** The answer a key got the first time: its claim, or its refusal. */
async function answerEarlier(deps: CouponDeps, input: ClaimInput, earlier: CouponClaim): Promise<Claimed> {
  if (earlier.stockId !== input.stockId) throw IdempotencyKeyReused();
  if (earlier.state === "refused") throw refusalError(isRefusal(earlier.refusal) ? earlier.refusal : "stock_paused");
  return { claim: earlier, stock: (await deps.coupons.stockForClaim(earlier.stockId))! };
}
