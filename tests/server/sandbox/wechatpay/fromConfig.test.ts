import Koa from "koa";
import type { Server } from "node:http";
import { WechatPayClient } from "../../../../server/src/pay";
import { wechatpaySimulatorFromConfig, type WechatPaySimulator } from "../../../../server/src/sandbox/wechatpay";
import { PAY_NOTIFY_PATH } from "../../../../server/src/pay/notifyRoutes";
import { testConfig, testSecrets } from "../../../helpers/app";

/** The sandbox's WeChat Pay and our client, both built from the same configuration, agree with each other. */
it("serves our client as configured in sandbox: requests accepted, answers verified", async () => {
  const config = await testConfig();
  expect(config.wechatpay?.sandboxPlatformKeyPath).toBe((await testSecrets()).WECHATPAY_SANDBOX_PLATFORM_PRIVATE_KEY_PATH);
  const simulator = wechatpaySimulatorFromConfig(config) as WechatPaySimulator;
  expect(simulator.notifyUrl).toBe(`${config.publicBaseUrl}${PAY_NOTIFY_PATH}`);
  expect(simulator.appId).toBe(config.miniapp.appId);

  // Mounted on a bare app at the configured port, as the sandbox server mounts it (no body parser on /v3).
  const app = new Koa().use(simulator.router.routes());
  const http: Server = app.listen(config.port, "127.0.0.1");
  await new Promise((resolve) => http.once("listening", resolve));
  try {
    const client = WechatPayClient.fromConfig(config.wechatpay!, config.miniapp.appId);
    const { couponId } = await client.sendCoupon({ openid: "o-config", stockId: "9865000", outRequestNo: "config-1" });
    expect((await client.queryCoupon("o-config", couponId)).status).toBe("SENDED");
  } finally {
    simulator.close();
    await new Promise((resolve) => {
      http.close(resolve);
      http.closeAllConnections();
    });
  }
});

it("is absent once a real WeChat Pay key is configured: nobody can sign for it", async () => {
  const secrets = await testSecrets();
  const config = await testConfig({ WECHATPAY_PUBLIC_KEY_PATH: secrets.WECHATPAY_PUBLIC_KEY_PATH });
  expect(config.wechatpay?.sandboxPlatformKeyPath).toBeUndefined();
  expect(wechatpaySimulatorFromConfig(config)).toBeUndefined();
  const outside = await testConfig({ SANDBOX: "0" });
  expect(outside.wechatpay?.sandboxPlatformKeyPath).toBeUndefined();
});
