import { randomUUID } from "node:crypto";
import type { Attribution } from "@scrm/shared";
import type { AppDeps } from "../deps";
import type { Channel } from "../channels/channel.entity";
import type { Channels } from "../channels/channels";
import type { InboxEvent, InboxHandlers } from "../wecom/inbox/handlers";
import { WecomApiError } from "../wecom/api/errors";
import { Customer } from "./customer.entity";
import { CustomerFollow, type FollowStatus } from "./follow.entity";
import { joinIdentities, withIdentityRetry } from "./oneId";
import { addTimeline } from "./timeline";
import { welcomeMessage, type WelcomeDeps } from "./welcome";
import { claimInvite } from "./landing";
import { plansFor } from "../followups/triggers";

const EXTERNAL = "change_external_contact";

export type CaptureDeps = Pick<AppDeps, "db" | "wecom" | "clock" | "logger" | "config" | "followups" | "calendar"> & WelcomeDeps & { channels: Channels };

/** What customer-contact events do to customers, their relations with staff and the channels. */
export function registerCaptureHandlers(handlers: InboxHandlers, deps: CaptureDeps): void {
  handlers.register(EXTERNAL, "add_external_contact", (e) => contactAdded(deps, e, "active"));
  handlers.register(EXTERNAL, "add_half_external_contact", (e) => contactAdded(deps, e, "pending"));
  handlers.register(EXTERNAL, "del_follow_user", (e) => relationEnded(deps, e, "lost"));
  handlers.register(EXTERNAL, "del_external_contact", (e) => relationEnded(deps, e, "removed"));
}

const isOpen = (status: FollowStatus) => status === "active" || status === "pending";

const findFollow = (deps: CaptureDeps, e: InboxEvent) =>
  deps.db.manager.findOneBy(CustomerFollow, { staffUserId: e.userId, externalUserId: e.externalUserId });

/**
 * A customer added a staff member: record who they are and where they came from, then send the
 * channel's welcome before the WelcomeCode (20 s) runs out, then tag them. Each step is safe to
 * run again: an inbox retry redoes only what is not done.
 */
async function contactAdded(deps: CaptureDeps, e: InboxEvent, status: FollowStatus): Promise<void> {
  const { db, wecom, clock, channels } = deps;
  const existing = await findFollow(deps, e);
  if (existing && existing.lastEventTime > e.createTime) return; // a later change was applied already
  const state = e.fields.State ?? "";
  const invite = await claimInvite(deps, state, e.externalUserId);
  const channel = invite ? await channels.get(invite.channelId) : state ? await channels.byState(state) : null;
  // CreateTime has whole seconds: the same second may hold a deletion and a re-add, so an add at
  // the last applied time is a repeat only while the relation is still open.
  const alreadyApplied = existing !== null && existing.lastEventTime === e.createTime && isOpen(existing.status);

  let follow = existing;
  if (!alreadyApplied) {
    const { external_contact: contact } = await wecom.customers.get(e.externalUserId);
    const now = clock.now();
    const followups = await plansFor(deps, ["customer_added"]);
    const attribution: Attribution = channel ? { campaignId: channel.campaignId, channelId: channel.id, staffUserId: e.userId } : { staffUserId: e.userId };
    follow = await withIdentityRetry(db, async (em) => {
      const joined = await joinIdentities(
        em,
        [
          { kind: "wecom_external", value: e.externalUserId },
          ...(contact.unionid ? [{ kind: "unionid" as const, value: contact.unionid }] : []),
          // A customer's own invite code: joins the contact to the mini-program user who asked for it.
          ...(invite?.joins ? [{ kind: "invite" as const, value: state }] : []),
        ],
        { name: contact.name, avatar: contact.avatar, gender: contact.gender },
        now,
        attribution,
      );
      // New for the channel only if this person was nobody's contact before: not a returning
      // customer, not one who adds a second staff member.
      const knownContact = existing !== null || (await em.countBy(CustomerFollow, { customerId: joined.customerId })) > 0;
      const row = Object.assign(existing ?? new CustomerFollow(), {
        id: existing?.id ?? randomUUID(),
        customerId: joined.customerId,
        staffUserId: e.userId,
        externalUserId: e.externalUserId,
        channelId: channel?.id ?? null,
        state: state || null,
        status,
        countedNew: !knownContact,
        addedAt: now,
        endedAt: null,
        lastEventTime: e.createTime,
        // A new add event is a new relation: its WelcomeCode deserves a welcome of its own.
        welcomeStatus: "none",
        welcomeError: null,
        remark: existing?.remark ?? null,
        tags: [...new Set([...(existing?.tags ?? []), ...(channel?.tags ?? [])])],
      });
      await em.save(CustomerFollow, row);
      await addTimeline(em, joined.customerId, existing ? "re_added" : "added", now, { staffUserId: e.userId, channelId: channel?.id, state }, attribution);
      // A new lead: its response deadline and the plans of its channel start now.
      await followups.schedule(em, [{ kind: "customer_added", customerId: joined.customerId, staffUserId: e.userId, key: `add:${row.id}:${e.createTime}`, at: now, channelId: channel?.id }], now);
      return row;
    });
  }
  if (!follow) return;
  if (e.fields.WelcomeCode && follow.welcomeStatus === "none") await sendWelcome(deps, follow, channel, e.fields.WelcomeCode);
  if (channel && channel.tags.length > 0) {
    await wecom.tags.mark({ userid: e.userId, external_userid: e.externalUserId, add_tag: channel.tags });
  }
  if (channel?.routing.dailyCap !== undefined) {
    await channels.refreshContactWay(channel.id).catch((err: Error) => deps.logger.warn({ channelId: channel.id, reason: err.message }, "contact way refresh failed"));
  }
}

/** WeCom's refusal (already chatting, used or expired code) is final: recorded, never retried. */
async function sendWelcome(deps: CaptureDeps, follow: CustomerFollow, channel: Channel | null, welcomeCode: string): Promise<void> {
  const message = await welcomeMessage(deps, channel);
  if (!message) return;
  let outcome: Pick<CustomerFollow, "welcomeStatus" | "welcomeError">;
  try {
    await deps.wecom.customers.sendWelcomeMsg({ welcome_code: welcomeCode, ...message });
    outcome = { welcomeStatus: "sent", welcomeError: null };
  } catch (err) {
    if (!(err instanceof WecomApiError)) throw err; // no answer: the inbox retries while the code may still work
    outcome = { welcomeStatus: "refused", welcomeError: `${err.errcode} ${err.errmsg}`.slice(0, 255) };
  }
  await deps.db.transaction(async (em) => {
    await em.update(CustomerFollow, { id: follow.id }, outcome);
    await addTimeline(em, follow.customerId, "welcome", deps.clock.now(), { staffUserId: follow.staffUserId, ...outcome });
  });
  follow.welcomeStatus = outcome.welcomeStatus;
}

/** The customer deleted the staff member (`lost`), or the staff member deleted them (`removed`). */
async function relationEnded(deps: CaptureDeps, e: InboxEvent, status: FollowStatus): Promise<void> {
  const follow = await findFollow(deps, e);
  // Delivered before its add (or the add is still failing): retried from the inbox until it is there.
  if (!follow) throw new Error(`no relation yet between ${e.userId} and ${e.externalUserId}`);
  if (follow.lastEventTime > e.createTime || (follow.lastEventTime === e.createTime && !isOpen(follow.status))) return;
  const now = deps.clock.now();
  const applied = await deps.db.transaction(async (em) => {
    // Conditional: a newer add handled meanwhile (another instance) wins over this older deletion.
    const result = await em
      .createQueryBuilder()
      .update(CustomerFollow)
      .set({ status, endedAt: now, lastEventTime: e.createTime })
      .where("id = :id AND last_event_time <= :at", { id: follow.id, at: e.createTime })
      .execute();
    if (result.affected !== 1) return false;
    await addTimeline(em, follow.customerId, status === "lost" ? "deleted_staff" : "removed_by_staff", now, { staffUserId: e.userId, channelId: follow.channelId });
    return true;
  });
  if (applied && status === "lost") await alertChurn(deps, follow);
}

/** The owning staff member learns at once that a customer deleted them (WeCom dedupes retries). */
async function alertChurn(deps: CaptureDeps, follow: CustomerFollow): Promise<void> {
  const customer = await deps.db.manager.findOneBy(Customer, { id: follow.customerId });
  const name = customer?.name || "一位客户";
  await deps.wecom.appMessages.send({
    touser: [follow.staffUserId],
    msgtype: "text",
    text: { content: `客户「${name}」已将你从微信好友中删除。可在客户详情查看往来记录。` },
  });
}
