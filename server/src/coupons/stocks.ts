import type { StockDetail, StockInput, StockStatus, StockView, CouponOffer } from "@scrm/shared";
import { In, IsNull } from "typeorm";
import type { z } from "zod";
import { Campaign } from "../channels/campaign.entity";
import { Channel } from "../channels/channel.entity";
import { Conflict, NotFound, ValidationFailed } from "../http/errors";
import { newId } from "../platform/ids";
import type { CouponDeps } from "./deps";
import { counterRows, remainingOf, shardsFor } from "./counters";
import { presentAlert, presentOffer, presentStock } from "./presenters";
import { CouponStock, StockAlert, StockCounter } from "./stock.entity";
import { stockNumbers } from "./stockNumbers";
import { offerEnded } from "./validity";

type ParsedStockInput = z.output<typeof StockInput>;

export async function createStock(deps: CouponDeps, input: ParsedStockInput, createdBy: string): Promise<StockView> {
  const { db, clock, config } = deps;
  if (!(await db.manager.existsBy(Campaign, { id: input.campaignId, archivedAt: IsNull() }))) throw NotFound("Campaign");
  if (input.kind === "wechatpay" && !config.wechatpay) {
    throw ValidationFailed([{ path: "kind", message: "WeChat Pay is not configured (WECHATPAY_MCHID and its keys)" }]);
  }
  if (input.channelIds.length > 0) {
    const found = await db.manager.countBy(Channel, { id: In(input.channelIds), campaignId: input.campaignId });
    if (found !== new Set(input.channelIds).size) throw ValidationFailed([{ path: "channelIds", message: "every channel must belong to this campaign" }]);
  }
  const stock: CouponStock = {
    id: newId(),
    ...input,
    wechatpayStockId: input.kind === "wechatpay" ? input.wechatpayStockId! : null,
    channelIds: [...new Set(input.channelIds)],
    alertThresholdsPct: [...new Set(input.alertThresholdsPct)].sort((a, b) => b - a),
    alertedBelowPct: null,
    shards: shardsFor(input.total, db.kind),
    status: "active",
    createdBy,
    createdAt: clock.now(),
  };
  await db.transaction(async (em) => {
    await em.insert(CouponStock, stock);
    await em.insert(StockCounter, counterRows(stock.id, stock.total, stock.shards));
  });
  return presentStock(stock, { remaining: stock.total, claimed: 0, redeemed: 0, revenueFen: 0 });
}

export async function listStocks({ db }: CouponDeps, campaignId: string): Promise<StockView[]> {
  const stocks = await db.manager.find(CouponStock, { where: { campaignId }, order: { createdAt: "ASC" } });
  const numbers = await stockNumbers(db.manager, stocks.map((s) => s.id));
  return stocks.map((s) => presentStock(s, numbers.get(s.id)!));
}

async function getStock({ db }: CouponDeps, id: string): Promise<CouponStock> {
  const stock = await db.manager.findOneBy(CouponStock, { id });
  if (!stock) throw NotFound("Coupon stock");
  return stock;
}

export async function stockDetail(deps: CouponDeps, id: string): Promise<StockDetail> {
  const stock = await getStock(deps, id);
  const numbers = await stockNumbers(deps.db.manager, [id]);
  const alerts = await deps.db.manager.find(StockAlert, { where: { stockId: id }, order: { at: "DESC" }, take: 50 });
  return { stock: presentStock(stock, numbers.get(id)!), alerts: alerts.map((a) => presentAlert(a, stock)) };
}

/** Pauses or resumes claiming; answers the stock as it is now. */
export async function setStockStatus(deps: CouponDeps, id: string, status: StockStatus): Promise<StockView> {
  const stock = await getStock(deps, id);
  if (stock.status !== status) {
    await deps.db.transaction((em) => em.update(CouponStock, { id }, { status }));
    deps.coupons.forget(id);
  }
  return (await stockDetail(deps, id)).stock;
}

/** The stocks a channel's landing page offers: active, not ended, allowed on this channel. */
export async function offersFor(deps: CouponDeps, state: string): Promise<CouponOffer[]> {
  const channel = await deps.channels.byState(state);
  if (!channel) throw NotFound("Channel");
  if (channel.archivedAt) throw Conflict("This channel has ended");
  const now = deps.clock.now();
  const stocks = (await deps.db.manager.find(CouponStock, { where: { campaignId: channel.campaignId, status: "active" }, order: { createdAt: "ASC" } })).filter(
    (s) => !offerEnded(s.validity, now) && (s.channelIds.length === 0 || s.channelIds.includes(channel.id)),
  );
  const remaining = await remainingOf(deps.db.manager, stocks.map((s) => s.id));
  return stocks.map((s) => presentOffer(s, remaining.get(s.id) ?? 0));
}

/** The names of a campaign's stocks, by id (for ladders and reports of other domains). */
export async function stockNames({ db }: Pick<CouponDeps, "db">, campaignId: string): Promise<Map<string, string>> {
  const stocks = await db.manager.find(CouponStock, { where: { campaignId }, select: { id: true, name: true } });
  return new Map(stocks.map((s) => [s.id, s.name]));
}
