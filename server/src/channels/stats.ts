import type { ChannelStats } from "@scrm/shared";
import { DAY_MS } from "../platform/clock";
import { businessDate } from "../platform/businessDay";
import type { ChannelFollowFact } from "../customers/channelFollows";

type Counts = ChannelStats["totals"];
const zero = (): Counts => ({ new: 0, returning: 0, lost1d: 0, lost7d: 0, lost30d: 0, net: 0 });

/**
 * New = people we did not know before; returning = known people who added again through the
 * channel; lost within N days = adds that ended (either side deleted) within N days of the add;
 * net = adds − lost within 30 days.
 */
export function channelStats(channelId: string, facts: ChannelFollowFact[], timezone: string): ChannelStats {
  const totals = zero();
  const byDay = new Map<string, Counts>();
  const byStaff = new Map<string, Counts>();
  for (const f of facts) {
    const day = businessDate(f.addedAt, timezone);
    for (const counts of [totals, at(byDay, day), at(byStaff, f.staffUserId)]) count(counts, f);
  }
  return {
    channelId,
    totals,
    byDay: [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([date, c]) => ({ date, ...c })),
    byStaff: [...byStaff].sort(([a], [b]) => a.localeCompare(b)).map(([staffUserId, c]) => ({ staffUserId, ...c })),
  };
}

function at(map: Map<string, Counts>, key: string): Counts {
  let c = map.get(key);
  if (!c) map.set(key, (c = zero()));
  return c;
}

function count(c: Counts, f: ChannelFollowFact): void {
  if (f.countedNew) c.new++;
  else c.returning++;
  const lostAfter = f.endedAt && (f.status === "lost" || f.status === "removed") ? f.endedAt.getTime() - f.addedAt.getTime() : undefined;
  if (lostAfter !== undefined) {
    if (lostAfter <= DAY_MS) c.lost1d++;
    if (lostAfter <= 7 * DAY_MS) c.lost7d++;
    if (lostAfter <= 30 * DAY_MS) c.lost30d++;
  }
  c.net = c.new + c.returning - c.lost30d;
}
