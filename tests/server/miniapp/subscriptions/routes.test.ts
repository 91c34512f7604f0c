import request from "supertest";
import { SANDBOX_SUBSCRIBE_TEMPLATES } from "@scrm/config";
import { SubscriptionsResponse } from "@scrm/shared";
import { syncDirectory } from "../../../../server/src/wecom/directory/sync";
import { startTestApp, type TestApp } from "../../../helpers/app";
import { bearerOf, customerToken, sandboxLogin } from "../../../helpers/coupons";
import { loggedInCustomer, postGrants, remainingOf, subscribeOnPage } from "../../../helpers/subscriptions";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const grant = (token: string, accepted: unknown) => postGrants(app, token, accepted);

describe("GET /api/subscriptions", () => {
  it("lists the configured templates with their ids for wx.requestSubscribeMessage and no grants yet", async () => {
    const { token } = await customerToken(app);
    const res = await request(app.url).get("/api/subscriptions").set(bearerOf(token));
    expect(res.status).toBe(200);
    expect(SubscriptionsResponse.parse(res.body)).toEqual({
      templates: [
        { key: "service_reminder", templateId: SANDBOX_SUBSCRIBE_TEMPLATES.service_reminder, remaining: 0 },
        { key: "coupon_expiring", templateId: SANDBOX_SUBSCRIBE_TEMPLATES.coupon_expiring, remaining: 0 },
      ],
    });
  });
});

describe("POST /api/subscriptions", () => {
  it("keeps one grant per accepted template, adding up over visits", async () => {
    const customer = await loggedInCustomer(app);
    const first = await subscribeOnPage(app, customer, ["service_reminder", "coupon_expiring"], ["coupon_expiring"]);
    expect(first.status).toBe(200);
    expect(first.body.templates.map((t: { key: string; remaining: number }) => [t.key, t.remaining])).toEqual([
      ["service_reminder", 1],
      ["coupon_expiring", 0],
    ]);
    await subscribeOnPage(app, customer, ["service_reminder", "coupon_expiring"]);
    expect(await remainingOf(app, customer.token)).toEqual({ service_reminder: 2, coupon_expiring: 1 });
  });

  it("refuses an unknown template key with 422 and keeps none of the request", async () => {
    const { token } = await customerToken(app);
    const res = await grant(token, ["service_reminder", "birthday_sale"]);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "validation_failed", details: [{ path: "accepted.1", message: expect.stringContaining("birthday_sale") }] });
    expect(await remainingOf(app, token)).toEqual({ service_reminder: 0, coupon_expiring: 0 });
  });

  it("refuses a template twice in one request, and more than the dialog's three", async () => {
    const { token } = await customerToken(app);
    expect((await grant(token, ["service_reminder", "service_reminder"])).status).toBe(422);
    expect((await grant(token, ["a", "b", "c", "d"])).status).toBe(422);
    expect((await grant(token, "service_reminder")).status).toBe(422);
    expect(await remainingOf(app, token)).toEqual({ service_reminder: 0, coupon_expiring: 0 });
  });

  it("accepts an empty list (every template refused on the phone)", async () => {
    const { token } = await customerToken(app);
    expect((await grant(token, [])).status).toBe(200);
  });
});

describe("who may call", () => {
  it("answers 401 without a session and 403 to staff and managers", async () => {
    await syncDirectory(app.deps);
    expect((await request(app.url).get("/api/subscriptions")).status).toBe(401);
    expect((await request(app.url).post("/api/subscriptions").send({ accepted: ["service_reminder"] })).status).toBe(401);
    for (const role of ["staff", "manager"] as const) {
      const token = await sandboxLogin(app, role);
      expect((await grant(token, ["service_reminder"])).status).toBe(403);
      expect((await request(app.url).get("/api/subscriptions").set(bearerOf(token))).status).toBe(403);
    }
  });
});
