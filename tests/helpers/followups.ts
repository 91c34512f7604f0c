import request from "supertest";
import type { StockView } from "@scrm/shared";
import { CustomerFollow } from "../../server/src/customers/follow.entity";
import { FollowupPlan } from "../../server/src/followups/plan.entity";
import { FollowupQueue } from "../../server/src/followups/queue";
import { FollowupTask } from "../../server/src/followups/task.entity";
import { HOUR_MS } from "../../server/src/platform/clock";
import type { TestApp } from "./app";
import { bearerOf, buildStock, claim, sandboxLogin, startCouponWorld, type CouponWorld } from "./coupons";
import { buildChannel, miniappCustomer } from "./referrals";
import { waitFor } from "./waitFor";

/** Thursday 26 November 2026, 10:00 in Shanghai: a working day, outside quiet hours. */
export const THURSDAY_10AM = new Date("2026-11-26T02:00:00Z");

export interface FollowupWorld extends CouponWorld {
  /** Li Na's staff session. */
  lina: string;
  state: string;
  stock: StockView;
  queue: FollowupQueue;
}

/** The whole server with a campaign, a channel, a coupon stock and Li Na signed in, business time at a Thursday 10:00, and its follow-up queue. */
export async function startFollowupWorld(): Promise<FollowupWorld> {
  const world = await startCouponWorld();
  world.app.deps.clock.set(THURSDAY_10AM);
  const state = await buildChannel(world.app, world.manager, world.campaignId);
  const stock = await buildStock(world.app, world.manager, world.campaignId, { name: "到店满100减10" });
  const lina = await sandboxLogin(world.app, "staff", "LiNa");
  return { ...world, lina, state, stock, queue: new FollowupQueue(world.app.deps) };
}

export interface Contact {
  customerId: string;
  token: string;
  externalUserId: string;
  staffUserId: string;
}

/** A mini-program customer who adds the adviser the channel's landing page shows (a WeCom contact with a session). */
export async function contactThrough(app: TestApp, state: string, name: string): Promise<Contact> {
  const { token, customerId } = await miniappCustomer(app);
  const contact = await request(app.url).post(`/api/landing/${state}/contact`).set(bearerOf(token));
  const sim = app.deps.wecomSimulator!;
  const way = sim.contactWays().find((w) => w.qr_code === contact.body.qrCode)!;
  const fields = (await sim.customerAddsStaff({ configId: way.config_id, name })).fields as Record<string, string>;
  const follow = await waitFor(() => app.deps.db.manager.findOneBy(CustomerFollow, { externalUserId: fields.ExternalUserID }));
  return { customerId: follow.customerId, token, externalUserId: fields.ExternalUserID, staffUserId: fields.UserID };
}

/** Claims a coupon of the stock; answers the coupon's id. */
export async function claimed(app: TestApp, token: string, stockId: string): Promise<string> {
  const res = await claim(app, token, { stockId });
  if (res.status !== 201) throw new Error(`claim: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.coupon.id as string;
}

/** Moves business time on by `hours` and runs one tick, as the scheduler would. */
export async function after(world: { app: TestApp; queue: FollowupQueue }, hours: number): Promise<number> {
  world.app.deps.clock.advance(hours * HOUR_MS);
  return world.queue.tick();
}

export const planByKey = (app: TestApp, key: string) => app.deps.db.manager.findOneByOrFail(FollowupPlan, { key });

/** A customer's tasks of a plan, by step. */
export async function tasksOf(app: TestApp, customerId: string, planKey: string): Promise<FollowupTask[]> {
  const plan = await planByKey(app, planKey);
  return app.deps.db.manager.find(FollowupTask, { where: { customerId, planId: plan.id }, order: { step: "ASC" } });
}

/** Customer messages the WeCom simulator holds for a customer (its raw records). */
export const messagesTo = (app: TestApp, externalUserId: string) =>
  app.deps.wecomSimulator!.groupMessages().filter((m) => m.sends.some((s) => s.external_userid === externalUserId));
