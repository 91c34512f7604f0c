import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { MiniappClient, MiniappTransportError } from "../../../../server/src/miniapp";
import { sendSubscribeMessage, type SubscribeMessageRequest } from "../../../../server/src/miniapp/subscriptions";
import { SubscribeSend } from "../../../../server/src/miniapp/subscriptions/grant.entity";
import { startTestApp, type TestApp } from "../../../helpers/app";
import { customerToken } from "../../../helpers/coupons";
import { loggedInCustomer, postGrants, remainingOf, subscribeOnPage, type MiniappCustomer } from "../../../helpers/subscriptions";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const reminder = (customerId: string): SubscribeMessageRequest => ({
  customerId,
  template: "service_reminder",
  page: "pages/index/index?from=reminder",
  data: { thing1: { value: "您的优惠券还未使用" }, time2: { value: "2026-03-05 10:00" } },
});
const send = (customerId: string) => sendSubscribeMessage(app.deps, reminder(customerId));
const deliveredTo = (customer: MiniappCustomer) => app.deps.miniappSimulator!.subscribeMessages().filter((m) => m.openid === customer.openid);
const recordsOf = (customerId: string) =>
  app.deps.db.manager.find(SubscribeSend, { where: { customerId }, order: { at: "ASC" } }).then((rows) => rows.map(({ outcome, errcode, errmsg }) => ({ outcome, errcode, errmsg })));

/** A logged-in customer who accepted the service reminder on the phone `times` times. */
async function subscriber(times = 1): Promise<MiniappCustomer> {
  const customer = await loggedInCustomer(app);
  for (let i = 0; i < times; i++) await subscribeOnPage(app, customer, ["service_reminder"]);
  return customer;
}

describe("sendSubscribeMessage", () => {
  it("sends on a grant once: delivered once, and the next send finds no grant", async () => {
    const customer = await subscriber();
    await expect(send(customer.customerId)).resolves.toEqual({ status: "sent" });
    await expect(send(customer.customerId)).resolves.toEqual({ status: "no_grant" });
    expect(deliveredTo(customer)).toEqual([
      expect.objectContaining({ templateId: app.config.miniapp.subscribeTemplates.service_reminder, page: "pages/index/index?from=reminder", data: reminder("").data }),
    ]);
    expect(await remainingOf(app, customer.token)).toMatchObject({ service_reminder: 0 });
    expect(await recordsOf(customer.customerId)).toEqual([{ outcome: "sent", errcode: null, errmsg: null }]);
  });

  it("answers refused when the platform has no grant (43101): our grant is spent, nothing delivered", async () => {
    const customer = await loggedInCustomer(app);
    // The page reports a grant the phone's dialog never gave.
    expect((await postGrants(app, customer.token, ["service_reminder"])).status).toBe(200);

    await expect(send(customer.customerId)).resolves.toEqual({ status: "refused" });
    expect(deliveredTo(customer)).toEqual([]);
    expect(await remainingOf(app, customer.token)).toMatchObject({ service_reminder: 0 });
    expect(await recordsOf(customer.customerId)).toEqual([{ outcome: "refused", errcode: 43101, errmsg: null }]);
    await expect(send(customer.customerId)).resolves.toEqual({ status: "no_grant" });
  });

  it("delivers once when two sends race for one grant", async () => {
    const customer = await subscriber();
    const results = await Promise.all([send(customer.customerId), send(customer.customerId)]);
    expect(results.map((r) => r.status).sort()).toEqual(["no_grant", "sent"]);
    expect(deliveredTo(customer)).toHaveLength(1);
  });

  it("spends each of several grants once under concurrent sends", async () => {
    const customer = await subscriber(3);
    const results = await Promise.all(Array.from({ length: 6 }, () => send(customer.customerId)));
    expect(results.filter((r) => r.status === "sent")).toHaveLength(3);
    expect(results.filter((r) => r.status === "no_grant")).toHaveLength(3);
    expect(deliveredTo(customer)).toHaveLength(3);
    expect(app.deps.miniappSimulator!.subscriptions().find((g) => g.openid === customer.openid)?.remaining).toBe(0);
  });

  it("answers no_openid for a customer who never opened the mini-program, and keeps their grant", async () => {
    const { customerId, token } = await customerToken(app);
    await postGrants(app, token, ["service_reminder"]);
    const calls = app.deps.miniappSimulator!.calls().length;
    await expect(send(customerId)).resolves.toEqual({ status: "no_openid" });
    expect(app.deps.miniappSimulator!.calls()).toHaveLength(calls);
    expect(await remainingOf(app, token)).toMatchObject({ service_reminder: 1 });
  });

  it("answers no_grant for a template the customer never accepted, without calling the platform", async () => {
    const customer = await subscriber();
    const calls = app.deps.miniappSimulator!.calls().length;
    await expect(sendSubscribeMessage(app.deps, { ...reminder(customer.customerId), template: "coupon_expiring" })).resolves.toEqual({ status: "no_grant" });
    expect(app.deps.miniappSimulator!.calls()).toHaveLength(calls);
  });
});

describe("when the platform cannot be reached", () => {
  let stub: Server;
  let stubBase: string;
  beforeAll(async () => {
    // Hands out tokens, never answers a send.
    stub = createServer((req, res) => {
      if (!req.url?.startsWith("/cgi-bin/stable_token")) return;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ access_token: "stub-token", expires_in: 7200 }));
    });
    await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
    stubBase = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    stub.closeAllConnections();
    await new Promise((resolve) => stub.close(resolve));
  });

  const clientAt = (apiBase: string) => new MiniappClient({ ...app.config.miniapp, apiBase, timeoutMs: 200 });

  it("throws a failure that surely did not send and gives the grant back, so a retry sends it", async () => {
    const customer = await subscriber();
    const unreachable = { ...app.deps, miniapp: clientAt("http://127.0.0.1:1") };
    await expect(sendSubscribeMessage(unreachable, reminder(customer.customerId))).rejects.toBeInstanceOf(MiniappTransportError);
    expect(await remainingOf(app, customer.token)).toMatchObject({ service_reminder: 1 });

    await expect(send(customer.customerId)).resolves.toEqual({ status: "sent" });
    expect(deliveredTo(customer)).toHaveLength(1);
    expect(await recordsOf(customer.customerId)).toEqual([
      { outcome: "failed", errcode: null, errmsg: "mini-program platform /cgi-bin/stable_token failed: network" },
      { outcome: "sent", errcode: null, errmsg: null },
    ]);
  });

  it("answers unknown when the send itself times out, and keeps the grant spent rather than risk a second message", async () => {
    const customer = await subscriber();
    await expect(sendSubscribeMessage({ ...app.deps, miniapp: clientAt(stubBase) }, reminder(customer.customerId))).resolves.toEqual({ status: "unknown" });
    expect(await remainingOf(app, customer.token)).toMatchObject({ service_reminder: 0 });
    expect(await recordsOf(customer.customerId)).toEqual([
      { outcome: "unknown", errcode: null, errmsg: "mini-program platform /cgi-bin/message/subscribe/send did not answer within 200 ms" },
    ]);
  });
});
