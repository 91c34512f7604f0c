import { SANDBOX_SUBSCRIBE_TEMPLATES, parseConfig } from "@scrm/config";
import { testSecrets } from "../helpers/app";

const parse = async (value?: string, sandbox = true) => {
  const secrets = Object.fromEntries(Object.entries(await testSecrets()).map(([k, v]) => [k, String(v)]));
  const outside = sandbox ? {} : { ...secrets, DATABASE_URL: "sqlite:/tmp/x.sqlite", PUBLIC_BASE_URL: "https://scrm.example.com" };
  return parseConfig({ ...outside, SANDBOX: sandbox ? "1" : "0", ...(value === undefined ? {} : { MINIAPP_SUBSCRIBE_TEMPLATES: value }) }, await testSecrets());
};

test("MINIAPP_SUBSCRIBE_TEMPLATES maps keys to template ids; unset, sandbox has its service notices", async () => {
  expect(await parse(" service_reminder=AbC-123_x ,coupon_expiring=Zz9,,")).toMatchObject({
    ok: true,
    config: { miniapp: { subscribeTemplates: { service_reminder: "AbC-123_x", coupon_expiring: "Zz9" } } },
  });
  expect(await parse()).toMatchObject({ ok: true, config: { miniapp: { subscribeTemplates: SANDBOX_SUBSCRIBE_TEMPLATES } } });
  expect(Object.keys(SANDBOX_SUBSCRIBE_TEMPLATES)).toEqual(["service_reminder", "coupon_expiring"]);
});

test("outside sandbox, none configured means no subscribe messages", async () => {
  expect(await parse(undefined, false)).toMatchObject({ ok: true, config: { miniapp: { subscribeTemplates: {} } } });
});

test("a malformed pair is named", async () => {
  const result = await parse("service_reminder=abc,Coupon Expiring");
  expect(result.ok).toBe(false);
  expect((result as { problems: string[] }).problems.join("\n")).toMatch(/^MINIAPP_SUBSCRIBE_TEMPLATES\.1: must be comma-separated key=templateId pairs/m);
});
