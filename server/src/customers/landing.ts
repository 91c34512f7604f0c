import { randomBytes, randomUUID } from "node:crypto";
import { MoreThan } from "typeorm";
import type { LandingContact, LandingView } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { Conflict, NotFound } from "../http/errors";
import { Campaign } from "../channels/campaign.entity";
import { findStaff } from "../wecom/directory/staffRecords";
import { CustomerIdentity } from "./customer.entity";
import { CustomerInvite, INVITE_PREFIX } from "./invite.entity";

const INVITE_TTL_S = 7 * 24 * 3600;
/** Reuse a customer's invite while it has at least this long left. */
const REUSE_MARGIN_MS = 24 * 3600 * 1000;

type LandingDeps = Pick<AppDeps, "db" | "wecom" | "clock" | "channels">;

export async function landingView({ db, channels, clock }: LandingDeps, state: string): Promise<LandingView> {
  const channel = await channels.byState(state);
  if (!channel) throw NotFound("Channel");
  const campaign = await db.manager.findOneBy(Campaign, { id: channel.campaignId });
  const now = clock.now();
  return {
    channel: { name: channel.name, state: channel.state, campaignName: campaign?.name ?? "" },
    qrCode: channel.qrCode,
    live: !channel.archivedAt && channel.startsAt <= now && now < channel.endsAt,
  };
}

/**
 * The logged-in customer's own contact QR for a channel: a temporary, single-staff contact way
 * whose State is an invite code tied to this customer, so the add event joins their WeCom contact
 * to their record (OneID without unionid). The staff member is one the channel's routing picks.
 */
export async function customerContact({ db, wecom, channels }: LandingDeps, customerId: string, state: string): Promise<LandingContact> {
  const channel = await channels.byState(state);
  if (!channel) throw NotFound("Channel");
  if (channel.archivedAt) throw Conflict("This channel has ended");
  const reusable = await db.manager.findOne(CustomerInvite, {
    where: { customerId, channelId: channel.id, expiresAt: MoreThan(new Date(Date.now() + REUSE_MARGIN_MS)) },
    order: { createdAt: "DESC" },
  });
  const invite = reusable ?? (await createInvite({ db, wecom }, customerId, channel.id, await channels.pickStaff(channel.id)));
  const staff = await findStaff(db, invite.staffUserId);
  return { qrCode: invite.qrCode, staffUserId: invite.staffUserId, staffName: staff?.name ?? invite.staffUserId, expiresAt: invite.expiresAt.toISOString() };
}

async function createInvite({ db, wecom }: Pick<LandingDeps, "db" | "wecom">, customerId: string, channelId: string, staffUserId: string): Promise<CustomerInvite> {
  const code = INVITE_PREFIX + randomBytes(9).toString("base64url"); // 14 chars
  const way = await wecom.contactWays.add({ type: 1, scene: 2, state: code, user: [staffUserId], skip_verify: true, is_temp: true, expires_in: INVITE_TTL_S });
  const now = new Date();
  const invite = Object.assign(new CustomerInvite(), {
    code,
    customerId,
    channelId,
    staffUserId,
    configId: way.config_id,
    qrCode: way.qr_code ?? "",
    expiresAt: new Date(now.getTime() + INVITE_TTL_S * 1000),
    createdAt: now,
    usedBy: null,
  });
  await db.transaction(async (em) => {
    await em.insert(CustomerInvite, invite);
    await em.insert(CustomerIdentity, { id: randomUUID(), customerId, kind: "invite", value: code, createdAt: now });
  });
  return invite;
}

/**
 * The invite behind an add event's State. Its QR can be forwarded, so only the first WeCom contact
 * that adds through it is joined to the inviting customer (claimed with a conditional update);
 * anyone after that is attributed to the channel but stays their own person.
 */
export async function claimInvite(
  { db }: Pick<AppDeps, "db">,
  state: string,
  externalUserId: string,
): Promise<{ channelId: string; joins: boolean } | undefined> {
  if (!state.startsWith(INVITE_PREFIX)) return undefined;
  const invite = await db.manager.findOneBy(CustomerInvite, { code: state });
  if (!invite) return undefined;
  if (invite.usedBy === null) {
    await db.transaction((em) =>
      em.createQueryBuilder().update(CustomerInvite).set({ usedBy: externalUserId }).where("code = :code AND used_by IS NULL", { code: state }).execute(),
    );
  }
  const claimed = await db.manager.findOneByOrFail(CustomerInvite, { code: state });
  return { channelId: invite.channelId, joins: claimed.usedBy === externalUserId };
}
