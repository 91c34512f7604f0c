import type Router from "@koa/router";
import type { ParameterizedContext } from "koa";
import type { AppDeps } from "../deps";
import { BadRequest } from "../http/errors";
import { readRawBody } from "../http/rawBody";
import { CallbackCryptoError } from "./callbackCrypto";
import { CallbackXmlError, parseCallbackXml } from "./callbackXml";
import { InvalidEventError } from "./inbox/inbox";

const BODY_LIMIT_KB = 64;

/**
 * `/wecom/callback`: verify, decrypt, store durably, and only then answer `success`. A bad
 * request is a 4xx with the reason logged and nothing stored. A redelivered or replayed event is
 * answered `success` too and changes nothing. Handlers never change the answer: they run from the
 * inbox.
 */
export function wecomCallbackRoutes(router: Router, { allow, callbackCrypto, inbox, inboxWorker, logger }: AppDeps): void {
  router.get("/wecom/callback", allow("public"), async (ctx) => {
    const { msg_signature, timestamp, nonce, echostr } = query(ctx, ["msg_signature", "timestamp", "nonce", "echostr"]);
    const plain = await refuseBadInput(async () => callbackCrypto.open(msg_signature, timestamp, nonce, echostr));
    ctx.type = "text/plain";
    ctx.body = plain;
  });

  router.post("/wecom/callback", allow("public"), async (ctx) => {
    const { msg_signature, timestamp, nonce } = query(ctx, ["msg_signature", "timestamp", "nonce"]);
    const body = (await readRawBody(ctx, BODY_LIMIT_KB, "callback")).toString("utf8");
    const stored = await refuseBadInput(async () => {
      const envelope = parseCallbackXml(body);
      if (!envelope.Encrypt) throw new CallbackXmlError("the envelope has no Encrypt");
      const fields = parseCallbackXml(callbackCrypto.open(msg_signature, timestamp, nonce, envelope.Encrypt));
      return inbox.store({ fields, signature: msg_signature, timestamp, nonce });
    });
    if (stored.isNew && stored.hasWelcomeCode) {
      inboxWorker.handleNow(stored.id).catch((err: Error) => logger.error({ eventId: stored.id, err: { message: err.message } }, "inline handling failed; the worker retries"));
    }
    ctx.type = "text/plain";
    ctx.body = "success";
  });
}

function query(ctx: ParameterizedContext, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = ctx.query[name];
    if (typeof value !== "string" || value === "") throw BadRequest(`missing query parameter ${name}`);
    out[name] = value;
  }
  return out;
}

/** Runs the receiving steps; a failure of the request's own content becomes a 400 naming why. */
async function refuseBadInput<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof CallbackCryptoError) throw BadRequest(`callback refused: ${err.reason}`, { reason: err.reason });
    if (err instanceof CallbackXmlError || err instanceof InvalidEventError) throw BadRequest(`callback refused: ${err.message}`, { reason: "bad_event" });
    throw err;
  }
}
