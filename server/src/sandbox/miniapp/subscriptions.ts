import { randomInt } from "node:crypto";
import { ActionRefused } from "../actions";
import type { MiniappUsers } from "./users";
import { ERR, fault, type JsonBody } from "./wire";

/** `wx.requestSubscribeMessage` takes at most three one-time templates a call. */
export const TEMPLATES_PER_REQUEST = 3;
const MINIPROGRAM_STATES = new Set(["developer", "trial", "formal"]);

/** What a user chose for each template in one `wx.requestSubscribeMessage`. */
export type SubscribeChoice = "accept" | "reject";

/** One subscribe message that reached a user (a refused or malformed one never does). */
export interface DeliveredSubscribeMessage {
  msgid: string;
  atMs: number;
  openid: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState: string;
}

/** A user's unspent one-time grants of one template. */
export interface SubscriptionGrants {
  openid: string;
  templateId: string;
  remaining: number;
}

const grantKey = (openid: string, templateId: string) => `${openid}\n${templateId}`;

/**
 * One-time subscriptions: each template a user accepts in `wx.requestSubscribeMessage` is worth one
 * message; `subscribe/send` spends it, and without one answers 43101. Delivered messages are kept.
 */
export class SubscribeMessages {
  private readonly grants = new Map<string, SubscriptionGrants>();
  readonly delivered: DeliveredSubscribeMessage[] = [];

  constructor(
    /** The templates the mini-program added; when set, others are refused (40037). */
    private readonly templates: readonly string[] | undefined,
  ) {}

  /** What the user's device does when the page calls `wx.requestSubscribeMessage`; answers as it does. */
  request(users: MiniappUsers, input: { openid: string; tmplIds: string[]; reject?: string[] }): Record<string, string> {
    if (!users.get(input.openid)) throw new ActionRefused(`no user ${input.openid}`);
    if (input.tmplIds.length > TEMPLATES_PER_REQUEST) throw new ActionRefused(`at most ${TEMPLATES_PER_REQUEST} templates a request`);
    const unknown = input.tmplIds.find((id) => !this.isTemplate(id));
    if (unknown !== undefined) throw new ActionRefused(`no template ${unknown}`);
    const answer: Record<string, string> = { errMsg: "requestSubscribeMessage:ok" };
    for (const templateId of new Set(input.tmplIds)) {
      const choice: SubscribeChoice = input.reject?.includes(templateId) ? "reject" : "accept";
      if (choice === "accept") this.grantsOf(input.openid, templateId).remaining++;
      answer[templateId] = choice;
    }
    return answer;
  }

  /** `subscribe/send`: checks the message as the platform does, spends one grant and delivers it. */
  send(body: JsonBody, users: MiniappUsers, atMs: number): { msgid: string } {
    const openid = body.str("touser");
    if (!openid || !users.get(openid)) throw fault(ERR.INVALID_OPENID, "invalid openid");
    const templateId = body.str("template_id");
    if (!templateId || !this.isTemplate(templateId)) throw fault(ERR.INVALID_TEMPLATE_ID, "invalid template_id");
    const data = templateData(body.raw("data"));
    const miniprogramState = body.str("miniprogram_state") ?? "formal";
    if (!MINIPROGRAM_STATES.has(miniprogramState)) throw fault(ERR.ARGUMENT_INVALID, "argument invalid! miniprogram_state invalid");
    const grants = this.grants.get(grantKey(openid, templateId));
    if (!grants || grants.remaining === 0) throw fault(ERR.SUBSCRIPTION_REFUSED, "user refuse to accept the msg");
    grants.remaining--;
    const msgid = String(randomInt(1, 2 ** 47));
    const page = body.str("page");
    this.delivered.push({ msgid, atMs, openid, templateId, ...(page !== undefined ? { page } : {}), data, miniprogramState });
    return { msgid };
  }

  /** Unspent grants, by user and template. */
  list(): SubscriptionGrants[] {
    return [...this.grants.values()];
  }

  private isTemplate(templateId: string): boolean {
    return this.templates === undefined || this.templates.includes(templateId);
  }

  private grantsOf(openid: string, templateId: string): SubscriptionGrants {
    let grants = this.grants.get(grantKey(openid, templateId));
    if (!grants) this.grants.set(grantKey(openid, templateId), (grants = { openid, templateId, remaining: 0 }));
    return grants;
  }
}

/** `data` as the platform reads it: every field an object with a string `value` (47003 otherwise). */
function templateData(raw: unknown): Record<string, { value: string }> {
  if (!raw || typeof raw !== "object" || Array.isArray(raw) || Object.keys(raw).length === 0) throw fault(ERR.ARGUMENT_INVALID, "argument invalid! data is empty");
  const data: Record<string, { value: string }> = {};
  for (const [field, entry] of Object.entries(raw)) {
    const value = (entry as { value?: unknown } | null)?.value;
    if (typeof value !== "string" || value === "") throw fault(ERR.ARGUMENT_INVALID, `argument invalid! data.${field}.value is empty`);
    data[field] = { value };
  }
  return data;
}
