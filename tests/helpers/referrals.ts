import { randomUUID } from "node:crypto";
import request from "supertest";
import type { TestApp } from "./app";
import { bearerOf, startCouponWorld, type CouponWorld } from "./coupons";
import { waitFor } from "./waitFor";
import { Referral } from "../../server/src/referrals/referral.entity";
import { CustomerFollow } from "../../server/src/customers/follow.entity";

/** A campaign on a fixed business day with a poster channel whose landing page gives invitees their adviser. */
export async function startReferralWorld(): Promise<CouponWorld & { state: string }> {
  const world = await startCouponWorld();
  world.app.deps.clock.set(new Date("2026-11-26T02:00:00Z"));
  return { ...world, state: await buildChannel(world.app, world.manager, world.campaignId) };
}

/** A channel of the campaign whose landing page gives invitees their adviser's contact QR. */
export async function buildChannel(app: TestApp, manager: string, campaignId: string): Promise<string> {
  const channel = await request(app.url)
    .post("/api/channels")
    .set(bearerOf(manager))
    .send({ campaignId, name: "裂变海报", kind: "poster", startsAt: "2026-01-01T00:00:00Z", endsAt: "2027-12-31T00:00:00Z", staffPool: ["LiNa", "WangFang"], routing: { kind: "round_robin" }, welcome: { text: "欢迎" } });
  if (channel.status !== 201) throw new Error(`channel: ${channel.status} ${JSON.stringify(channel.body)}`);
  return channel.body.channel.state as string;
}

export const referralCodeOf = async (app: TestApp, campaignId: string, token: string): Promise<string> =>
  (await request(app.url).get(`/api/campaigns/${campaignId}/my-referral`).set(bearerOf(token))).body.code as string;

/** What a customer's own phone sends: its own address (behind our proxy) and its install's device id. */
export function phoneHeaders(): Record<string, string> {
  const octet = () => 1 + Math.floor(Math.random() * 254);
  return { "X-Forwarded-For": `10.${octet()}.${octet()}.${octet()}`, "X-Device-Id": `dev-${randomUUID()}` };
}

/** A new mini-program customer (with a session). */
export async function miniappCustomer(app: TestApp): Promise<{ token: string; customerId: string }> {
  const login = await request(app.url).post("/api/auth/wx-login").send({ code: app.deps.miniappSimulator!.issueLoginCode().code });
  return { token: login.body.token as string, customerId: login.body.user.id as string };
}

/** A new customer opens a referral code in the mini-program, then adds the adviser the channel's landing page shows. */
export async function inviteeThrough(app: TestApp, campaignId: string, state: string, code: string, name: string) {
  const { token, customerId } = await miniappCustomer(app);
  const opened = await request(app.url).post("/api/referrals/open").set(bearerOf(token)).set(phoneHeaders()).send({ code });
  if (opened.body.outcome !== "recorded") throw new Error(`referral not recorded: ${JSON.stringify(opened.body)}`);
  return { customerId, ...(await addsAdviser(app, { token, customerId }, campaignId, state, name)) };
}

/** A referred customer adds the adviser the channel's landing page shows them; their referral's window starts. */
export async function addsAdviser(app: TestApp, invitee: { token: string; customerId: string }, campaignId: string, state: string, name: string) {
  const contact = await request(app.url).post(`/api/landing/${state}/contact`).set(bearerOf(invitee.token));
  const sim = app.deps.wecomSimulator!;
  const way = sim.contactWays().find((w) => w.qr_code === contact.body.qrCode)!;
  const fields = (await sim.customerAddsStaff({ configId: way.config_id, name })).fields as Record<string, string>;
  await waitFor(() => app.deps.db.manager.findOneBy(CustomerFollow, { externalUserId: fields.ExternalUserID }));
  await waitFor(() => app.deps.db.manager.findOneBy(Referral, { inviteeId: invitee.customerId, campaignId }).then((r) => r?.addedAt && r));
  return { externalUserId: fields.ExternalUserID, staffUserId: fields.UserID };
}
