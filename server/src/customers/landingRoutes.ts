import type Router from "@koa/router";
import { PhoneConsent, WxLoginRequest, type CustomerSessionResponse } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { AppError, ValidationFailed } from "../http/errors";
import { parseBody } from "../http/validate";
import { isLoginCodeRefused } from "../miniapp/errors";
import { presentSession } from "../auth/sessions";
import { customerContact, landingView } from "./landing";
import { loginCustomer } from "./login";
import { normalizePhone, recordPhone } from "./phone";

/** The customer's way in: a channel's landing page, mini-program login, and their own contact QR. */
export function landingRoutes(router: Router, deps: AppDeps): void {
  const { allow } = deps;

  router.get("/api/landing/:state", allow("public"), async (ctx) => {
    ctx.body = await landingView(deps, ctx.params.state);
  });

  router.post("/api/auth/wx-login", allow("public"), async (ctx) => {
    const { code, attribution } = parseBody(ctx, WxLoginRequest);
    const session = await deps.miniapp.code2Session(code).catch((err: unknown) => {
      if (isLoginCodeRefused(err)) throw new AppError(401, "unauthorized", "The login code is invalid or already used; log in again");
      throw err;
    });
    const { issued, newCustomer } = await loginCustomer(deps, session, attribution);
    const body: CustomerSessionResponse = { ...presentSession(issued), newCustomer };
    ctx.status = 201;
    ctx.body = body;
  });

  router.post("/api/me/phone", allow("customer"), async (ctx) => {
    const { phone } = parseBody(ctx, PhoneConsent);
    const normalized = normalizePhone(phone);
    if (!normalized) throw ValidationFailed([{ path: "phone", message: "not a mainland mobile number" }]);
    await recordPhone(deps, ctx.state.user!.id, normalized);
    ctx.status = 204;
  });

  router.post("/api/landing/:state/contact", allow("customer"), async (ctx) => {
    ctx.body = await customerContact(deps, ctx.state.user!.id, ctx.params.state);
  });
}
