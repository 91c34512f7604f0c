import type { EntityManager } from "typeorm";
import type { Database, DatabaseKind } from "../db/database";
import { HOUR_MS } from "../platform/clock";
import { GroupCommit } from "../platform/groupCommit";
import type { Outbox } from "../platform/outbox/outbox";
import type { MaterialEvent } from "./event.entity";
import { MATERIAL_ALERT } from "./alerts";
import { alertCandidates, alertKey, throttleAlerts } from "./alertThrottle";
import { marks, rowsOf } from "../db/sql";
import { customerKey, deviceKey } from "./viewers";

/** One acknowledged event and what it moves besides its own row. */
export interface TrackedEvent {
  event: MaterialEvent;
  /** view: one more open; heartbeat: reading time. Other kinds leave the viewer row alone. */
  viewer?: { opens: number; dwellMs: number };
  /** A customer's event from a device: that device's anonymous viewer rows of the material become theirs. */
  joinDevice?: boolean;
  /** A customer opened a staff member's share: the staff member may be alerted (the share's version title). */
  alertTitle?: string;
}

/** Events that arrive while a commit runs go together in the next one (bounded). */
const MAX_BATCH = 500;
/** How many recent (staff, customer, material) alerts an instance remembers, to skip the throttle's queries. */
const MEMO_MAX = 50_000;

const insertEvents = (count: number) =>
  `INSERT INTO material_event (id, token, material_id, staff_user_id, kind, viewer_key, customer_id, device_id, dwell_ms, detail, excluded, at) VALUES ${rowsOf(count, 12)}`;

/** Adds opens and reading time to a viewer's row, creating it on the first event. */
const upsertViewers = (kind: DatabaseKind, count: number) =>
  `INSERT INTO material_viewer (token, viewer_key, material_id, staff_user_id, customer_id, opens, dwell_ms, excluded, first_at, last_at) VALUES ${rowsOf(count, 10)} ` +
  (kind === "mysql"
    ? "ON DUPLICATE KEY UPDATE opens = opens + VALUES(opens), dwell_ms = dwell_ms + VALUES(dwell_ms), first_at = LEAST(first_at, VALUES(first_at)), last_at = GREATEST(last_at, VALUES(last_at))"
    : "ON CONFLICT (token, viewer_key) DO UPDATE SET opens = opens + excluded.opens, dwell_ms = dwell_ms + excluded.dwell_ms, first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at)");

interface ViewerDelta {
  token: string;
  viewerKey: string;
  materialId: string;
  staffUserId: string;
  customerId: string | null;
  opens: number;
  dwellMs: number;
  excluded: string | null;
  firstAt: number;
  lastAt: number;
}

/**
 * Writes viewers' events in group commits, so thousands of events a second share a few commits:
 * one multi-row insert of the events, one multi-row upsert of the viewer rows they move (opens,
 * reading time, last seen), a device's anonymous rows joined to the customer who logged in on it,
 * and the staff alerts the batch's customer views earn (throttle row, alert row and outbox job in
 * the same commit, so an acknowledged view's alert is never lost). Every caller's answer waits
 * for the commit: an acknowledged event is a stored event.
 */
export class EventWriter {
  private readonly commits = new GroupCommit<TrackedEvent, void>((batch) => this.commit(batch), { maxBatch: MAX_BATCH });
  /** (material, device) pairs this instance already joined to their customer. */
  private readonly joined = new Set<string>();
  /** Business time of the last alert per (staff, customer, material) this instance knows of. */
  private readonly alerted = new Map<string, number>();

  constructor(private readonly deps: { db: Database; outbox: Outbox }) {}

  write(tracked: TrackedEvent): Promise<void> {
    const e = tracked.event;
    if (tracked.joinDevice && this.joined.has(`${e.materialId}|${e.deviceId}`)) tracked = { ...tracked, joinDevice: false };
    if (tracked.alertTitle !== undefined && e.customerId) {
      const last = this.alerted.get(alertKey({ staffUserId: e.staffUserId, customerId: e.customerId, materialId: e.materialId }));
      if (last !== undefined && e.at.getTime() - last < HOUR_MS && e.at.getTime() >= last) tracked = { ...tracked, alertTitle: undefined };
    }
    return this.commits.submit(tracked);
  }

  /** The device sent an event without a session again: join it anew once they log in. */
  forgetJoin(materialId: string, deviceId: string): void {
    this.joined.delete(`${materialId}|${deviceId}`);
  }

  private async commit(batch: TrackedEvent[]): Promise<void[]> {
    const { db, outbox } = this.deps;
    const joins = uniqueJoins(batch);
    const candidates = alertCandidates(batch);
    const { jobIds, seen } = await db.transaction(
      async (em) => {
        await insertEventRows(em, batch.map((t) => t.event));
        await upsertViewerRows(em, db.kind, viewerDeltas(batch));
        await joinDevices(em, db.kind, joins);
        const alerts = await throttleAlerts(em, db.kind, candidates);
        const ids = await outbox.enqueueMany(em, MATERIAL_ALERT, alerts.staff.map((staffUserId) => ({ staffUserId })));
        return { jobIds: ids, seen: alerts.seen };
      },
      { readCommitted: true },
    );
    for (const id of jobIds) outbox.kick(id);
    for (const j of joins) this.joined.add(`${j.materialId}|${j.deviceId}`);
    if (this.joined.size > MEMO_MAX) this.joined.clear();
    if (this.alerted.size + seen.size > MEMO_MAX) this.alerted.clear();
    for (const [key, at] of seen) this.alerted.set(key, at);
    return batch.map(() => undefined);
  }
}

async function insertEventRows(em: EntityManager, rows: MaterialEvent[]): Promise<void> {
  const params = rows.flatMap((r) => [r.id, r.token, r.materialId, r.staffUserId, r.kind, r.viewerKey, r.customerId, r.deviceId, r.dwellMs, r.detail, r.excluded, r.at.getTime()]);
  await em.query(insertEvents(rows.length), params);
}

/** The batch's viewer changes summed per (token, viewer), in key order (the same lock order in every transaction). */
function viewerDeltas(batch: TrackedEvent[]): ViewerDelta[] {
  const byKey = new Map<string, ViewerDelta>();
  for (const { event: e, viewer } of batch) {
    if (!viewer) continue;
    const key = `${e.token}|${e.viewerKey}`;
    const at = e.at.getTime();
    const delta = byKey.get(key);
    if (!delta) {
      byKey.set(key, { token: e.token, viewerKey: e.viewerKey, materialId: e.materialId, staffUserId: e.staffUserId, customerId: e.customerId, opens: viewer.opens, dwellMs: viewer.dwellMs, excluded: e.excluded, firstAt: at, lastAt: at });
    } else {
      delta.opens += viewer.opens;
      delta.dwellMs += viewer.dwellMs;
      delta.firstAt = Math.min(delta.firstAt, at);
      delta.lastAt = Math.max(delta.lastAt, at);
    }
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
}

async function upsertViewerRows(em: EntityManager, kind: DatabaseKind, deltas: ViewerDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const params = deltas.flatMap((d) => [d.token, d.viewerKey, d.materialId, d.staffUserId, d.customerId, d.opens, d.dwellMs, d.excluded, d.firstAt, d.lastAt]);
  await em.query(upsertViewers(kind, deltas.length), params);
}

interface DeviceJoin {
  materialId: string;
  deviceId: string;
  customerId: string;
  excluded: string | null;
}

function uniqueJoins(batch: TrackedEvent[]): DeviceJoin[] {
  const joins = new Map<string, DeviceJoin>();
  for (const { event: e, joinDevice: join } of batch) {
    if (join && e.customerId) joins.set(`${e.materialId}|${e.deviceId}`, { materialId: e.materialId, deviceId: e.deviceId, customerId: e.customerId, excluded: e.excluded });
  }
  return [...joins.values()];
}

/**
 * Customers' first events from devices that read the material anonymously: each device's viewer
 * rows (one per share token) are added into the customer's rows and removed, so the person counts
 * once. The raw events keep the key they were acknowledged with. One read for the whole batch.
 */
async function joinDevices(em: EntityManager, kind: DatabaseKind, joins: DeviceJoin[]): Promise<void> {
  if (joins.length === 0) return;
  const byPair = new Map(joins.map((j) => [`${j.materialId}|${deviceKey(j.deviceId)}`, j]));
  const materials = [...new Set(joins.map((j) => j.materialId))];
  const keys = [...new Set(joins.map((j) => deviceKey(j.deviceId)))];
  // Materials × devices is a superset of the pairs joined: the rows of other pairs are left alone.
  const rows = (
    (await em.query(
      `SELECT token, material_id, viewer_key, staff_user_id, opens, dwell_ms, first_at, last_at FROM material_viewer WHERE material_id IN (${marks(materials.length)}) AND viewer_key IN (${marks(keys.length)})`,
      [...materials, ...keys],
    )) as { token: string; material_id: string; viewer_key: string; staff_user_id: string; opens: number | string; dwell_ms: number | string; first_at: number | string; last_at: number | string }[]
  ).filter((r) => byPair.has(`${r.material_id}|${r.viewer_key}`));
  if (rows.length === 0) return;
  const merged = rows.map((r): ViewerDelta => {
    const join = byPair.get(`${r.material_id}|${r.viewer_key}`)!;
    return {
      token: r.token,
      viewerKey: customerKey(join.customerId),
      materialId: r.material_id,
      staffUserId: r.staff_user_id,
      customerId: join.customerId,
      opens: Number(r.opens),
      dwellMs: Number(r.dwell_ms),
      excluded: join.excluded,
      firstAt: Number(r.first_at),
      lastAt: Number(r.last_at),
    };
  });
  await upsertViewerRows(em, kind, merged.sort((a, b) => (`${a.token}|${a.viewerKey}` < `${b.token}|${b.viewerKey}` ? -1 : 1)));
  await em.query(`DELETE FROM material_viewer WHERE (token, viewer_key) IN (${rowsOf(rows.length, 2)})`, rows.flatMap((r) => [r.token, r.viewer_key]));
}

