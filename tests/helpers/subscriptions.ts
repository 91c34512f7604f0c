import request from "supertest";
import type { SubscriptionsResponse } from "@scrm/shared";
import type { TestApp } from "./app";
import { bearerOf } from "./coupons";

export interface MiniappCustomer {
  customerId: string;
  token: string;
  openid: string;
}

/** A customer who logged in through the mini-program (so we know their openid). */
export async function loggedInCustomer(app: TestApp): Promise<MiniappCustomer> {
  const issued = app.deps.miniappSimulator!.issueLoginCode();
  const login = await request(app.url).post("/api/auth/wx-login").send({ code: issued.code });
  if (login.status !== 200 && login.status !== 201) throw new Error(`wx-login: ${login.status} ${JSON.stringify(login.body)}`);
  return { customerId: login.body.user.id as string, token: login.body.token as string, openid: issued.openid };
}

export const subscriptionsOf = async (app: TestApp, token: string): Promise<SubscriptionsResponse> =>
  (await request(app.url).get("/api/subscriptions").set(bearerOf(token))).body as SubscriptionsResponse;

/** Remaining grants by key, as the customer's page sees them. */
export const remainingOf = async (app: TestApp, token: string): Promise<Record<string, number>> =>
  Object.fromEntries((await subscriptionsOf(app, token)).templates.map((t) => [t.key, t.remaining]));

/** Tells our server which template keys the customer accepted (what the page does after the dialog). */
export const postGrants = (app: TestApp, token: string, accepted: unknown) => request(app.url).post("/api/subscriptions").set(bearerOf(token)).send({ accepted });

/**
 * What the customer's page does: asks for the templates' ids, shows the phone's subscription dialog
 * (the simulator's action, as the H5 build calls it), and tells our server which keys were accepted.
 */
export async function subscribeOnPage(app: TestApp, customer: MiniappCustomer, keys: string[], reject: string[] = []) {
  const { templates } = await subscriptionsOf(app, customer.token);
  const idOf = (key: string) => templates.find((t) => t.key === key)!.templateId;
  const dialog = await fetch(`${app.url}/sandbox/miniapp/_actions/requestSubscribeMessage`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ openid: customer.openid, tmplIds: keys.map(idOf), reject: reject.map(idOf) }),
  });
  const choices = (await dialog.json()) as Record<string, string>;
  const accepted = keys.filter((key) => choices[idOf(key)] === "accept");
  return postGrants(app, customer.token, accepted);
}
