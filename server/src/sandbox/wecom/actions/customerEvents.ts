import { randomBytes } from "node:crypto";
import { ActionRefused, WecomFault } from "../wire";
import type { ContactWay } from "../state";
import type { SimContext } from "../api/route";
import type { EventFields } from "../callbacks/eventXml";
import type { CallbackReceipt } from "../callbacks/sender";

/** What an action needs: the world, and a way to tell our server (a signed callback). */
export interface EventContext {
  sim: SimContext;
  emit(fields: EventFields): Promise<CallbackReceipt>;
}

export interface CustomerAddsStaff {
  /** The member added directly (by name card or search)… */
  userId?: string;
  /** …or through a contact way, which picks the member and supplies `state`. */
  configId?: string;
  /** Overrides the way's state (or sets one for a direct add). */
  state?: string;
  /** An existing customer, or the id to give a new one; a new random id when absent. */
  externalUserId?: string;
  name?: string;
  /** WeCom sends no WelcomeCode when the admin console has a welcome for the member, or they chatted before. */
  noWelcomeCode?: boolean;
}

export interface Relation {
  userId: string;
  externalUserId: string;
}

function memberFromWay(ctx: EventContext, way: ContactWay): string {
  const now = ctx.sim.now();
  if (way.is_temp && (way.used || now > way.createdAtMs + (way.expires_in ?? 0) * 1000)) {
    throw new ActionRefused(`temporary contact way ${way.config_id} no longer works`);
  }
  const fromParties = [...ctx.sim.state.members.values()].filter((m) => m.department.some((d) => way.party.includes(d))).map((m) => m.userid);
  const candidates = [...new Set([...way.user, ...fromParties])].filter((u) => ctx.sim.state.members.get(u)?.status === 1);
  if (candidates.length === 0) throw new ActionRefused(`contact way ${way.config_id} has no active member`);
  return candidates[way.nextUser++ % candidates.length];
}

/** A WeCom refusal inside an action (no such relation…) is the action's refusal. */
function refusing<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof WecomFault) throw new ActionRefused(err.detail);
    throw err;
  }
}

/** The customer adds a member: the relation is recorded, then `add_external_contact` is sent. */
export async function customerAddsStaff(ctx: EventContext, input: CustomerAddsStaff): Promise<CallbackReceipt> {
  const state = ctx.sim.state;
  const now = ctx.sim.now();
  if (!input.userId === !input.configId) throw new ActionRefused("give exactly one of userId and configId");
  let way: ContactWay | undefined;
  if (input.configId) {
    way = state.contactWays.get(input.configId);
    if (!way) throw new ActionRefused(`no contact way ${input.configId}`);
  }
  const userId = way ? memberFromWay(ctx, way) : input.userId!;
  if (state.members.get(userId)?.status !== 1) throw new ActionRefused(`no active member ${userId}`);
  const known = input.externalUserId ? state.customers.get(input.externalUserId) : undefined;
  const customer = known ?? state.newCustomer(input.name ?? `新客户${state.customers.size + 1}`, input.externalUserId);
  if (state.relation(userId, customer.external_userid)) throw new ActionRefused(`${customer.external_userid} is already a customer of ${userId}`);
  const channelState = input.state ?? way?.state ?? "";
  state.follows.push({
    userid: userId,
    external_userid: customer.external_userid,
    remark: "",
    description: "",
    createtime: Math.floor(now / 1000),
    tagIds: [],
    ...(channelState ? { state: channelState } : {}),
    add_way: way ? 1 : 0,
    oper_userid: customer.external_userid,
  });
  if (way?.is_temp) way.used = true;
  const fields: EventFields = {
    Event: "change_external_contact",
    ChangeType: "add_external_contact",
    UserID: userId,
    ExternalUserID: customer.external_userid,
  };
  if (channelState) fields.State = channelState;
  if (!input.noWelcomeCode) {
    const code = randomBytes(32).toString("base64url");
    state.welcomeCodes.set(code, { code, userid: userId, external_userid: customer.external_userid, issuedAtMs: now });
    fields.WelcomeCode = code;
  }
  return ctx.emit(fields);
}

/** The customer deletes the member (churn): `del_follow_user`. */
export async function customerDeletesStaff(ctx: EventContext, { userId, externalUserId }: Relation): Promise<CallbackReceipt> {
  refusing(() => ctx.sim.state.removeRelation(userId, externalUserId));
  return ctx.emit({ Event: "change_external_contact", ChangeType: "del_follow_user", UserID: userId, ExternalUserID: externalUserId });
}

/** The member deletes the customer: `del_external_contact`; Source `DELETE_BY_TRANSFER` after a handover. */
export async function staffDeletesCustomer(ctx: EventContext, input: Relation & { source?: string }): Promise<CallbackReceipt> {
  refusing(() => ctx.sim.state.removeRelation(input.userId, input.externalUserId));
  return ctx.emit({
    Event: "change_external_contact",
    ChangeType: "del_external_contact",
    UserID: input.userId,
    ExternalUserID: input.externalUserId,
    Source: input.source ?? "",
  });
}

/**
 * The 24 hours of every waiting 在职继承 pass: each customer becomes the takeover member's
 * (`add_external_contact`, no welcome code: WeCom sends the transfer message itself) and leaves
 * the handover member (`del_external_contact`, Source `DELETE_BY_TRANSFER`).
 */
export async function transfersTakeOver(ctx: EventContext): Promise<CallbackReceipt[]> {
  const state = ctx.sim.state;
  const now = ctx.sim.now();
  const receipts: CallbackReceipt[] = [];
  for (const transfer of [...state.transfers.values()].filter((t) => t.status === 2)) {
    const old = state.relation(transfer.handover_userid, transfer.external_userid);
    transfer.status = 1;
    transfer.takeover_time = Math.floor(now / 1000);
    if (!state.relation(transfer.takeover_userid, transfer.external_userid)) {
      state.follows.push({ ...(old ?? { remark: "", description: "", tagIds: [], add_way: 0, oper_userid: transfer.external_userid }), userid: transfer.takeover_userid, external_userid: transfer.external_userid, createtime: transfer.takeover_time });
      receipts.push(await ctx.emit({ Event: "change_external_contact", ChangeType: "add_external_contact", UserID: transfer.takeover_userid, ExternalUserID: transfer.external_userid }));
    }
    if (old) {
      state.removeRelation(transfer.handover_userid, transfer.external_userid);
      receipts.push(await ctx.emit({ Event: "change_external_contact", ChangeType: "del_external_contact", UserID: transfer.handover_userid, ExternalUserID: transfer.external_userid, Source: "DELETE_BY_TRANSFER" }));
    }
  }
  return receipts;
}
