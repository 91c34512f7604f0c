import { encryptResource } from "../../pay/crypto";
import { wechatPayTime } from "../../pay/wireTime";
import type { JsonBody } from "../miniapp/wire";
import type { FavorStocks } from "./favor";
import type { PlatformIdentity } from "./platform";
import { refuse, type Reply } from "./wire";

/** What an API handler may read and change. */
export interface PayApiContext {
  mchid: string;
  appId: string;
  apiV3Key: string;
  favor: FavorStocks;
  identity: PlatformIdentity;
  now(): number;
  /** The coupon notification URL set by the callbacks API; `enabled` false stops notifications. */
  setCouponCallback(url: string, enabled: boolean): void;
}

export interface PayApiRequest {
  /** Path parameters, decoded. */
  params: Record<string, string>;
  query: Record<string, string>;
  body: JsonBody;
}

/** One WeChat Pay API path: whether it takes a JSON body, and what it answers. A refusal is a thrown PayFault. */
export interface PayApiRoute {
  method: "GET" | "POST";
  /** A @koa/router pattern under the simulator's prefix. */
  path: string;
  body: "json" | "none";
  handle(req: PayApiRequest, sim: PayApiContext): Reply | Promise<Reply>;
}

const ok = (body: Record<string, unknown>): Reply => ({ status: 200, body });

function required(body: JsonBody, name: string, missing: string): string {
  const value = body.str(name);
  if (!value) throw refuse("PARAM_ERROR", missing);
  return value;
}

function checkAppId(appid: string | undefined, sim: PayApiContext): string {
  if (!appid) throw refuse("PARAM_ERROR", "appid 必填");
  if (appid !== sim.appId) throw refuse("APPID_MCHID_NOT_MATCH", "商户号与appid不匹配");
  return appid;
}

export const payApiRoutes: PayApiRoute[] = [
  {
    method: "POST",
    path: "/v3/marketing/favor/users/:openid/coupons",
    body: "json",
    handle: ({ params, body }, sim) => {
      const stockId = required(body, "stock_id", "批次号必填");
      const outRequestNo = required(body, "out_request_no", "商户单据号必填");
      const appid = checkAppId(body.str("appid"), sim);
      const stockCreatorMchid = required(body, "stock_creator_mchid", "商户号必填");
      return ok({ coupon_id: sim.favor.send({ openid: params.openid, stockId, outRequestNo, appid, stockCreatorMchid }) });
    },
  },
  {
    method: "GET",
    path: "/v3/marketing/favor/users/:openid/coupons/:couponId",
    body: "none",
    handle: ({ params, query }, sim) => {
      checkAppId(query.appid, sim);
      return ok(sim.favor.present(sim.favor.couponOf(params.openid, params.couponId)));
    },
  },
  {
    method: "POST",
    path: "/v3/marketing/favor/callbacks",
    body: "json",
    handle: ({ body }, sim) => {
      const mchid = required(body, "mchid", "回调商户不能为空");
      if (mchid !== sim.mchid) throw refuse("MCH_NOT_EXISTS", "商户号不合法");
      const notifyUrl = required(body, "notify_url", "回调 url 不能为空");
      if (!URL.canParse(notifyUrl) || !/^https?:$/.test(new URL(notifyUrl).protocol)) throw refuse("PARAM_ERROR", "回调 url 格式错误");
      sim.setCouponCallback(notifyUrl, body.bool("switch", true));
      return ok({ update_time: wechatPayTime(sim.now()), notify_url: notifyUrl });
    },
  },
  {
    method: "GET",
    path: "/v3/certificates",
    body: "none",
    handle: async (_req, sim) => {
      const cert = await sim.identity.platformCertificate(sim.now());
      return ok({
        data: [
          {
            serial_no: cert.serial,
            effective_time: wechatPayTime(cert.notBeforeMs),
            expire_time: wechatPayTime(cert.notAfterMs),
            encrypt_certificate: encryptResource(cert.pem, sim.apiV3Key, "certificate"),
          },
        ],
      });
    },
  },
];
