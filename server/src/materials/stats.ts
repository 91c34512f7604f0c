import type { MaterialStats, MaterialStatsRow, ShareChannel } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { NotFound } from "../http/errors";
import { staffProfiles } from "../wecom/directory/staffRecords";
import { Material } from "./material.entity";

type Counts = Omit<MaterialStatsRow, "staffUserId" | "staffName" | "channel" | "avgDwellMs"> & { dwellMs: number };
type Row = Record<string, string | number | null>;

const zero = (): Counts => ({ shares: 0, views: 0, uniqueViewers: 0, dwellMs: 0, shareIntents: 0, openedChildShares: 0, claims: 0, adds: 0 });
const n = (v: string | number | null | undefined) => Number(v ?? 0);

/** Each share's own channel: a staff member's card or poster, or viewers' forwards of it ("forward"). */
const SHARES = "SELECT staff_user_id, channel, COUNT(*) AS shares FROM material_share WHERE material_id = ? GROUP BY staff_user_id, channel";

/** Real viewers only (staff's own views and bots left out); a viewer of two shares of one group counts once in it. */
const VIEWERS =
  "SELECT s.staff_user_id, s.channel, SUM(v.opens) AS views, COUNT(DISTINCT CASE WHEN v.opens > 0 THEN v.viewer_key END) AS unique_viewers, SUM(v.dwell_ms) AS dwell_ms " +
  "FROM material_viewer v JOIN material_share s ON s.token = v.token WHERE v.material_id = ? AND v.excluded IS NULL GROUP BY s.staff_user_id, s.channel";

const TOTAL_VIEWERS =
  "SELECT SUM(opens) AS views, COUNT(DISTINCT CASE WHEN opens > 0 THEN viewer_key END) AS unique_viewers, SUM(dwell_ms) AS dwell_ms FROM material_viewer WHERE material_id = ? AND excluded IS NULL";

/** Share intents and calls to action tapped (conversions are the cta events: claims and adds as tapped on the material). */
const ACTIONS =
  "SELECT s.staff_user_id, s.channel, SUM(CASE WHEN e.kind = 'share_intent' THEN 1 ELSE 0 END) AS share_intents, " +
  "SUM(CASE WHEN e.kind = 'cta' AND e.detail = 'claim_coupon' THEN 1 ELSE 0 END) AS claims, SUM(CASE WHEN e.kind = 'cta' AND e.detail = 'add_staff' THEN 1 ELSE 0 END) AS adds " +
  "FROM material_event e JOIN material_share s ON s.token = e.token WHERE e.material_id = ? AND e.kind IN ('share_intent', 'cta') AND e.excluded IS NULL GROUP BY s.staff_user_id, s.channel";

/** Forwards someone really opened, counted for the share they were forwarded from. */
const OPENED_CHILDREN =
  "SELECT p.staff_user_id, p.channel, COUNT(*) AS opened FROM material_share c JOIN material_share p ON p.token = c.parent_token " +
  "WHERE c.material_id = ? AND c.depth > 0 AND EXISTS (SELECT 1 FROM material_viewer v WHERE v.token = c.token AND v.excluded IS NULL AND v.opens > 0) GROUP BY p.staff_user_id, p.channel";

/**
 * A material's statistics per staff member and share channel, and in total: counted by the
 * database (GROUP BY over the material's shares, viewers and events, each through an index on
 * material_id), never by reading the rows here.
 */
export async function materialStats({ db }: Pick<AppDeps, "db">, materialId: string): Promise<MaterialStats> {
  if (!(await db.manager.existsBy(Material, { id: materialId }))) throw NotFound("Material");
  const q = (sql: string) => db.manager.query(sql, [materialId]) as Promise<Row[]>;
  const [shares, viewers, [total], actions, children] = await Promise.all([q(SHARES), q(VIEWERS), q(TOTAL_VIEWERS), q(ACTIONS), q(OPENED_CHILDREN)]);

  const groups = new Map<string, { staffUserId: string; channel: ShareChannel; counts: Counts }>();
  const group = (r: Row) => {
    const key = `${r.staff_user_id}|${r.channel}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { staffUserId: String(r.staff_user_id), channel: r.channel as ShareChannel, counts: zero() }));
    return g.counts;
  };
  for (const r of shares) group(r).shares = n(r.shares);
  for (const r of viewers) Object.assign(group(r), { views: n(r.views), uniqueViewers: n(r.unique_viewers), dwellMs: n(r.dwell_ms) });
  for (const r of actions) Object.assign(group(r), { shareIntents: n(r.share_intents), claims: n(r.claims), adds: n(r.adds) });
  for (const r of children) group(r).openedChildShares = n(r.opened);

  const sum = zero();
  for (const { counts } of groups.values()) for (const k of Object.keys(sum) as (keyof Counts)[]) sum[k] += counts[k];
  // A person reading two staff members' shares is one unique viewer of the material.
  Object.assign(sum, { views: n(total?.views), uniqueViewers: n(total?.unique_viewers), dwellMs: n(total?.dwell_ms) });

  const names = await staffProfiles(db, [...new Set([...groups.values()].map((g) => g.staffUserId))]);
  const byStaff = [...groups.values()]
    .sort((a, b) => (a.staffUserId < b.staffUserId ? -1 : a.staffUserId > b.staffUserId ? 1 : a.channel < b.channel ? -1 : 1))
    .map((g) => present(g.staffUserId, names.get(g.staffUserId)?.name ?? g.staffUserId, g.channel, g.counts));
  return { materialId, total: present(null, "全部", null, sum), byStaff };
}

/** Average reading time per open. */
function present(staffUserId: string | null, staffName: string, channel: ShareChannel | null, c: Counts): MaterialStatsRow {
  const { dwellMs, ...counts } = c;
  return { staffUserId, staffName, channel, ...counts, avgDwellMs: c.views > 0 ? Math.round(dwellMs / c.views) : 0 };
}
