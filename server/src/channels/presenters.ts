import type { ChannelView } from "@scrm/shared";
import type { Channel } from "./channel.entity";

export const presentChannel = (c: Channel): ChannelView => ({
  id: c.id,
  campaignId: c.campaignId,
  name: c.name,
  kind: c.kind,
  state: c.state,
  startsAt: c.startsAt.toISOString(),
  endsAt: c.endsAt.toISOString(),
  costFen: c.costFen,
  staffPool: c.staffPool,
  routing: c.routing,
  tags: c.tags,
  welcome: c.welcome,
  temporary: c.temporary,
  qrCode: c.qrCode,
  contactWayUsers: c.contactWayUsers,
  archived: c.archivedAt !== null,
});
