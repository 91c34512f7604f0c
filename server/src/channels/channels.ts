import { randomBytes, randomUUID } from "node:crypto";
import type { ChannelInput } from "@scrm/shared";
import { IsNull } from "typeorm";
import type { z } from "zod";
import type { AppDeps } from "../deps";
import { Conflict, NotFound, UpstreamError } from "../http/errors";
import { channelAddsSince } from "../customers/follows";
import { activeUserids } from "../wecom/directory/staffRecords";
import { startOfBusinessDay } from "../platform/businessDay";
import { Campaign } from "./campaign.entity";
import { Channel } from "./channel.entity";
import { eligibleStaff } from "./routing";

type ParsedChannelInput = z.output<typeof ChannelInput>;
type ChannelDeps = Pick<AppDeps, "db" | "wecom" | "clock" | "calendar" | "config" | "logger">;

const MAX_TEMP_SECONDS = 14 * 24 * 3600;
const newState = () => `ch${randomBytes(6).toString("hex")}`; // 14 chars, well under WeCom's 30

/** Channels and their WeCom contact ways. */
export class Channels {
  constructor(private readonly deps: ChannelDeps) {}

  async create(input: ParsedChannelInput): Promise<Channel> {
    const { db, clock, wecom } = this.deps;
    if (!(await db.manager.existsBy(Campaign, { id: input.campaignId, archivedAt: IsNull() }))) throw NotFound("Campaign");
    const channel: Channel = Object.assign(new Channel(), {
      id: randomUUID(),
      ...input,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      state: newState(),
      configId: null,
      qrCode: null,
      contactWayUsers: [],
      archivedAt: null,
      createdAt: clock.now(),
    });
    channel.contactWayUsers = await this.eligibleNow(channel);
    // The contact way first: a channel without one would be a QR code that does nothing.
    const way = await wecom.contactWays
      .add({
        type: channel.temporary ? 1 : 2,
        scene: 2,
        state: channel.state,
        remark: channel.name.slice(0, 30),
        skip_verify: true,
        user: channel.temporary ? channel.contactWayUsers.slice(0, 1) : channel.contactWayUsers,
        ...(channel.temporary ? { is_temp: true, expires_in: this.temporarySeconds(channel) } : {}),
      })
      .catch((err: Error) => {
        throw UpstreamError(`WeCom refused the contact way: ${err.message}`);
      });
    channel.configId = way.config_id;
    channel.qrCode = way.qr_code ?? null;
    await db.transaction((em) => em.insert(Channel, channel));
    return channel;
  }

  async update(id: string, input: ParsedChannelInput): Promise<Channel> {
    const channel = await this.get(id);
    if (channel.archivedAt) throw Conflict("An archived channel cannot be changed");
    if (input.campaignId !== channel.campaignId) throw Conflict("A channel cannot move to another campaign");
    Object.assign(channel, { ...input, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) });
    await this.deps.db.transaction((em) => em.save(channel));
    await this.refreshContactWay(channel.id);
    return this.get(id);
  }

  async archive(id: string): Promise<Channel> {
    const channel = await this.get(id);
    if (!channel.archivedAt) {
      if (channel.configId) await this.deps.wecom.contactWays.remove(channel.configId).catch((err: Error) => this.deps.logger.warn({ channelId: id, reason: err.message }, "contact way not removed"));
      await this.deps.db.transaction((em) => em.update(Channel, { id }, { archivedAt: this.deps.clock.now() }));
    }
    return this.get(id);
  }

  async get(id: string): Promise<Channel> {
    const channel = await this.deps.db.manager.findOneBy(Channel, { id });
    if (!channel) throw NotFound("Channel");
    return channel;
  }

  /** The channel an add_external_contact event's State names, if any. */
  byState(state: string): Promise<Channel | null> {
    return this.deps.db.manager.findOneBy(Channel, { state });
  }

  /**
   * Brings the contact way's user list in line with who is eligible now (caps, shifts, departures).
   * Answers whether WeCom was told of a change.
   */
  async refreshContactWay(id: string): Promise<boolean> {
    const channel = await this.get(id);
    if (channel.archivedAt || !channel.configId || channel.temporary) return false;
    const users = await this.eligibleNow(channel);
    if (sameMembers(users, channel.contactWayUsers)) return false;
    await this.deps.wecom.contactWays.update(channel.configId, { user: users });
    await this.deps.db.transaction((em) => em.update(Channel, { id }, { contactWayUsers: users }));
    return true;
  }

  /** Refreshes every live channel (a shift starts or ends; the directory changed). */
  async refreshAll(): Promise<number> {
    const live = await this.deps.db.manager.find(Channel, { where: { archivedAt: IsNull() } });
    let changed = 0;
    for (const channel of live) {
      if (await this.refreshContactWay(channel.id).catch((err: Error) => this.deps.logger.warn({ channelId: channel.id, reason: err.message }, "contact way refresh failed"))) changed++;
    }
    return changed;
  }

  /**
   * One staff member for a customer's own contact way (an invite): where we choose, not WeCom,
   * the routing is exact — the eligible member with the fewest adds today, then by userid.
   */
  async pickStaff(id: string): Promise<string> {
    const channel = await this.get(id);
    const { users, addsToday } = await this.routingNow(channel);
    const adds = (u: string) => addsToday.get(u) ?? 0;
    const [chosen] = [...users].sort((a, b) => adds(a) - adds(b) || a.localeCompare(b));
    if (!chosen) throw Conflict("No staff member of this channel is available");
    return chosen;
  }

  private async eligibleNow(channel: Channel): Promise<string[]> {
    return (await this.routingNow(channel)).users;
  }

  private async routingNow(channel: Channel): Promise<{ users: string[]; addsToday: Map<string, number> }> {
    const { db, clock, calendar, config } = this.deps;
    const now = clock.now();
    const addsToday = await channelAddsSince(db, channel.id, startOfBusinessDay(now, config.timezone));
    const users = eligibleStaff(channel.staffPool, channel.routing, { active: await activeUserids(db), addsToday, workingTime: calendar.isWorkingTime(now) });
    return { users, addsToday };
  }

  private temporarySeconds(channel: Channel): number {
    const left = Math.floor((channel.endsAt.getTime() - this.deps.clock.now().getTime()) / 1000);
    return Math.max(60, Math.min(left, MAX_TEMP_SECONDS));
  }
}

const sameMembers = (a: string[], b: string[]) => a.length === b.length && a.every((u) => b.includes(u));
