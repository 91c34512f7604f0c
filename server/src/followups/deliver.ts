import { TEMPLATE_VARIABLES, type FollowupStep } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { claimCoupon } from "../coupons/claims";
import { AppError } from "../http/errors";
import { sendSubscribeMessage } from "../miniapp/subscriptions";
import { RETRY_LATER, WecomApiError } from "../wecom/api/errors";
import type { DeliveryContext } from "./context";
import type { FollowupTask } from "./task.entity";

/** What a delivery came to. `retry`: surely not delivered, try again later; `unknown`: may have been. */
export type Outcome =
  | { kind: "done"; result?: string }
  | { kind: "sent"; result: string }
  | { kind: "failed"; reason: string }
  | { kind: "retry"; reason: string }
  | { kind: "unknown"; reason: string };

/** A task ready to go: who receives it and the text, fixed before the call (a resend repeats it exactly). */
export interface Prepared {
  task: FollowupTask;
  step: FollowupStep;
  planName: string;
  text: string;
  /** App messages: the members; customer messages: the sender. */
  recipients: string[];
  externalUserId?: string;
}

type Vars = Record<(typeof TEMPLATE_VARIABLES)[number], string>;
const render = (template: string, vars: Vars) => template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name as keyof Vars] ?? whole);

/** The link a staff task opens: the customer in the staff pages (the task id makes each task's message distinct). */
export const customerLink = (deps: Pick<AppDeps, "config">, task: FollowupTask) =>
  `${deps.config.publicBaseUrl}/#/packages/staff/pages/customer/index?id=${encodeURIComponent(task.customerId)}&task=${task.id}`;

/**
 * Who gets the task and what it says. A step that grants a coupon grants it here (idempotent by
 * task), so {coupon} names what the customer now holds. Answers a reason instead when nobody can
 * receive it.
 */
export async function prepare(deps: AppDeps, task: FollowupTask, step: FollowupStep, ctx: DeliveryContext): Promise<Prepared | { failed: string }> {
  const follow = ctx.openFollow(task.customerId, task.staffUserId);
  const staffUserId = task.staffUserId ?? follow?.staffUserId ?? null;
  let coupon = ctx.couponName(task.claimId);
  if (step.grantStockId) {
    try {
      coupon = (await claimCoupon(deps, { customerId: task.customerId, idempotencyKey: `followup-${task.id}`, stockId: step.grantStockId })).stock.name;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return { failed: `coupon not granted: ${err.code}` };
    }
  }
  const text = task.text ?? render(step.template, { customerName: ctx.customerName(task.customerId), staffName: ctx.staffName(staffUserId), coupon });
  const planName = ctx.plans.get(task.planId)?.name ?? "";
  const base = { task, step, planName, text };
  switch (step.channel) {
    case "staff_task":
      return staffUserId ? { ...base, recipients: [staffUserId] } : { failed: "no staff member follows this customer" };
    case "manager_task":
      return ctx.managers.length > 0 ? { ...base, recipients: ctx.managers } : { failed: "no active manager" };
    case "customer_message":
      return follow ? { ...base, recipients: [follow.staffUserId], externalUserId: follow.externalUserId } : { failed: "the customer is not a contact of the staff member" };
    case "subscribe_message":
      return { ...base, recipients: [] };
  }
}

/** One platform call for a prepared task. */
export async function deliver(deps: AppDeps, p: Prepared): Promise<Outcome> {
  try {
    switch (p.step.channel) {
      case "staff_task":
      case "manager_task":
        return await appMessage(deps, p);
      case "customer_message":
        return await customerMessage(deps, p);
      case "subscribe_message":
        return await subscribeMessage(deps, p);
    }
  } catch (err) {
    return outcomeOfError(p, err);
  }
}

/** Staff and managers: a card with the script and a link to the customer, under WeCom's duplicate check. */
async function appMessage(deps: AppDeps, p: Prepared): Promise<Outcome> {
  const receipt = await deps.wecom.appMessages.send({
    touser: p.recipients,
    msgtype: "textcard",
    textcard: { title: `跟进任务：${p.planName}`, description: p.text, url: customerLink(deps, p.task), btntxt: "查看客户" },
  });
  return { kind: "done", result: receipt.msgid };
}

/** A message the staff member confirms in WeCom: created now, confirmed (or not) later. */
async function customerMessage(deps: AppDeps, p: Prepared): Promise<Outcome> {
  const created = await deps.wecom.groupMessages.add({ external_userid: [p.externalUserId!], sender: p.recipients[0], text: { content: p.text } });
  if (created.fail_list?.includes(p.externalUserId!)) return { kind: "failed", reason: "WeCom refused the customer (not a contact, or over the cap)" };
  return { kind: "sent", result: created.msgid };
}

async function subscribeMessage(deps: AppDeps, p: Prepared): Promise<Outcome> {
  const answer = await sendSubscribeMessage(deps, {
    customerId: p.task.customerId,
    template: p.step.subscribeTemplate!,
    page: "pages/coupons/index",
    data: { thing1: { value: p.text.slice(0, 20) } },
  });
  switch (answer.status) {
    case "sent":
      return { kind: "done" };
    case "unknown":
      return { kind: "unknown", reason: "the platform did not answer: the notice may have gone, and is not sent again" };
    default:
      return { kind: "failed", reason: answer.status };
  }
}

/**
 * A refusal by WeCom is final unless it says "later"; no answer at all is retried for app messages
 * (WeCom's duplicate check drops a second copy) but is `unknown` for a customer message, which
 * has no such check: reconciled from WeCom before anything is sent again.
 */
function outcomeOfError(p: Prepared, err: unknown): Outcome {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof WecomApiError && !RETRY_LATER.has(err.errcode)) return { kind: "failed", reason: `${err.errcode} ${err.errmsg}`.slice(0, 255) };
  if (p.step.channel === "customer_message" && !(err instanceof WecomApiError)) return { kind: "unknown", reason: message };
  return { kind: "retry", reason: message };
}
