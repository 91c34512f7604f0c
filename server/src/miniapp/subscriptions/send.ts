import type { AppDeps } from "../../deps";
import { identityOf, recordsOf, survivorOf } from "../../customers/oneId";
import { SUBSCRIBE_SEND_PATH, type MiniappClient, type SubscribeMessage } from "../client";
import { MINIAPP_ERR, MiniappApiError, MiniappError, MiniappTimeoutError } from "../errors";
import { settleGrant, takeGrant, type SendRecord } from "./grants";

export type SubscribeMessageDeps = Pick<AppDeps, "db" | "clock" | "miniapp" | "logger">;

export interface SubscribeMessageRequest {
  customerId: string;
  /** Our template key (`service_reminder`), as in MINIAPP_SUBSCRIBE_TEMPLATES. */
  template: string;
  /** The page the notice opens, query included. */
  page?: string;
  /** The template's fields: `{ thing1: { value: "…" } }`. */
  data: Record<string, { value: string }>;
}

/**
 * - `sent`: delivered; the grant is spent.
 * - `refused`: the platform answered 43101 (the customer refused, or has no grant left there); the grant is spent.
 * - `no_grant`: the customer has no unspent grant of this template; nothing was called.
 * - `no_openid`: the customer never opened the mini-program, so cannot receive one; nothing was called.
 * - `unknown`: the call timed out, so the message may have gone; the grant is spent and a resend would risk a second message.
 */
export type SubscribeMessageResult = { status: "sent" } | { status: "refused" } | { status: "no_grant" } | { status: "no_openid" } | { status: "unknown" };

/**
 * Sends a mini-program subscribe message on one of the customer's grants of the template, each
 * grant used once (taken by a conditional update, so never twice, whichever instances send). Every
 * call's result is recorded. A failure that surely did not send (network, HTTP status, token, any
 * other platform refusal) gives the grant back and is thrown, so the caller retries.
 */
export async function sendSubscribeMessage(deps: SubscribeMessageDeps, request: SubscribeMessageRequest): Promise<SubscribeMessageResult> {
  const { db, clock, miniapp, logger } = deps;
  const customerId = await survivorOf(db.manager, request.customerId);
  const openid = await identityOf(db.manager, customerId, "miniapp_openid");
  if (openid === undefined) return { status: "no_openid" };
  const grant = await takeGrant(db, await recordsOf(db.manager, customerId), request.template);
  if (!grant) return { status: "no_grant" };

  const { record, error } = await attempt(miniapp, { touser: openid, templateId: grant.templateId, page: request.page, data: request.data });
  await settleGrant(db, grant, request.page, record, clock.now());
  const fields = { customerId: request.customerId, template: request.template, outcome: record.outcome, errcode: record.errcode };
  if (record.outcome === "failed" || record.outcome === "unknown") logger.warn(fields, "subscribe message send failed");
  else logger.info(fields, "subscribe message answered");
  if (record.outcome === "failed") throw error;
  return { status: record.outcome };
}

/** One call to the platform and the record it leaves; the error when it failed. */
async function attempt(miniapp: MiniappClient, message: SubscribeMessage): Promise<{ record: SendRecord; error?: unknown }> {
  try {
    const answer = await miniapp.sendSubscribeMessage(message);
    return { record: answer === "sent" ? { outcome: "sent" } : { outcome: "refused", errcode: MINIAPP_ERR.SUBSCRIPTION_REFUSED } };
  } catch (error) {
    return { record: failureRecord(error), error };
  }
}

/** What a thrown call leaves in the record: the send itself timing out may have sent; anything else surely did not. */
function failureRecord(err: unknown): SendRecord {
  if (err instanceof MiniappApiError) return { outcome: "failed", errcode: err.errcode, errmsg: err.errmsg };
  const ambiguous = err instanceof MiniappTimeoutError && err.path === SUBSCRIBE_SEND_PATH;
  return { outcome: ambiguous ? "unknown" : "failed", errmsg: err instanceof MiniappError ? err.message : "unexpected error" };
}
