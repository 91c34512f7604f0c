import request from "supertest";
import { randomUUID } from "node:crypto";
import type { StockInput, StockView } from "@scrm/shared";
import { startTestApp, type TestApp } from "./app";
import { syncDirectory } from "../../server/src/wecom/directory/sync";

export const bearerOf = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A sandbox session: `manager` is the demo corp's manager, `staff` one of its staff. */
export async function sandboxLogin(app: TestApp, role: "manager" | "staff", userId?: string): Promise<string> {
  const res = await request(app.url).post("/api/sandbox/login").send({ role, userId });
  if (res.status !== 201 && res.status !== 200) throw new Error(`sandbox login: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

export async function buildCampaign(app: TestApp, manager: string, name = "双十二大促"): Promise<string> {
  const res = await request(app.url)
    .post("/api/campaigns")
    .set(bearerOf(manager))
    .send({ name, startsAt: "2026-01-01T00:00:00Z", endsAt: "2027-12-31T00:00:00Z" });
  if (res.status !== 201) throw new Error(`campaign: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.campaign.id as string;
}

/** An own coupon stock (¥10 off ¥100, 30 days after claim) unless `overrides` say otherwise. */
export async function buildStock(app: TestApp, manager: string, campaignId: string, overrides: Partial<StockInput> = {}): Promise<StockView> {
  const res = await request(app.url)
    .post("/api/coupon-stocks")
    .set(bearerOf(manager))
    .send({
      campaignId,
      name: "满100减10",
      kind: "own",
      benefit: { kind: "amount_off", amountFen: 1000, minSpendFen: 10000 },
      validity: { kind: "days_after_claim", days: 30 },
      total: 100,
      ...overrides,
    });
  if (res.status !== 201) throw new Error(`stock: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.stock as StockView;
}

/** A customer session straight from the session store (no mini-program login): for load-style tests. */
export async function customerToken(app: TestApp, customerId: string = randomUUID()): Promise<{ customerId: string; token: string }> {
  const { token } = await app.deps.sessions.issue({ id: customerId, role: "customer", name: "顾客" });
  return { customerId, token };
}

export function claim(app: TestApp, token: string, body: Record<string, unknown>, key: string | null = randomUUID()) {
  const req = request(app.url).post("/api/coupons/claim").set(bearerOf(token));
  if (key !== null) req.set("Idempotency-Key", key);
  return req.send(body);
}

export interface CouponWorld {
  app: TestApp;
  /** The demo manager's session. */
  manager: string;
  campaignId: string;
}

/** The whole server with the demo corp synced, its manager signed in, and one campaign. */
export async function startCouponWorld(env: Record<string, string> = {}): Promise<CouponWorld> {
  const app = await startTestApp(env);
  await syncDirectory(app.deps);
  const manager = await sandboxLogin(app, "manager");
  return { app, manager, campaignId: await buildCampaign(app, manager) };
}
