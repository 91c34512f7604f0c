import type { EntityManager } from "typeorm";
import { affectedRows, type DatabaseKind } from "../db/database";
import { HOUR_MS } from "../platform/clock";
import { newId } from "../platform/ids";
import type { TrackedEvent } from "./eventWriter";
import { marks, rowsOf } from "../db/sql";
import { customerKey } from "./viewers";

/** Unique-key conflicts only (INSERT IGNORE would also swallow bad values). */
const insertThrottles = (kind: DatabaseKind, count: number) =>
  `INSERT INTO material_alert_throttle (staff_user_id, customer_id, material_id, alerted_at, alert_id) VALUES ${rowsOf(count, 5)} ` +
  (kind === "mysql" ? "ON DUPLICATE KEY UPDATE alert_id = alert_id" : "ON CONFLICT DO NOTHING");

export interface AlertCandidate {
  staffUserId: string;
  customerId: string;
  materialId: string;
  token: string;
  title: string;
  at: number;
}

export const alertKey = (c: Pick<AlertCandidate, "staffUserId" | "customerId" | "materialId">) => `${c.staffUserId}|${c.customerId}|${c.materialId}`;

/** The batch's customer views that may alert: the first per (staff member, customer, material). */
export function alertCandidates(batch: TrackedEvent[]): AlertCandidate[] {
  const byKey = new Map<string, AlertCandidate>();
  for (const { event: e, alertTitle } of batch) {
    if (alertTitle === undefined || !e.customerId) continue;
    const candidate = { staffUserId: e.staffUserId, customerId: e.customerId, materialId: e.materialId, token: e.token, title: alertTitle, at: e.at.getTime() };
    if (!byKey.has(alertKey(candidate))) byKey.set(alertKey(candidate), candidate);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

/**
 * At most one alert per staff member, customer and material an hour (business clock): the first
 * view inserts the throttle row, a view an hour or more after the last alert moves it; a view
 * that does neither is skipped. Answers the staff members with new alerts (one delivery job each)
 * and, for the memo, the last alert time of every candidate.
 */
export async function throttleAlerts(em: EntityManager, kind: DatabaseKind, candidates: AlertCandidate[]): Promise<{ staff: string[]; seen: Map<string, number> }> {
  const seen = new Map<string, number>();
  if (candidates.length === 0) return { staff: [], seen };
  const mine = new Map(candidates.map((c) => [alertKey(c), newId()]));
  await em.query(
    insertThrottles(kind, candidates.length),
    candidates.flatMap((c) => [c.staffUserId, c.customerId, c.materialId, c.at, mine.get(alertKey(c))]),
  );
  // Staff × customers × materials is a superset of the candidates: the other rows are not looked at.
  const current = new Map<string, { alertedAt: number; alertId: string }>();
  const [staff, customers, materials] = (["staffUserId", "customerId", "materialId"] as const).map((k) => [...new Set(candidates.map((c) => c[k]))]);
  const rows = (await em.query(
    `SELECT staff_user_id, customer_id, material_id, alerted_at, alert_id FROM material_alert_throttle WHERE staff_user_id IN (${marks(staff.length)}) AND customer_id IN (${marks(customers.length)}) AND material_id IN (${marks(materials.length)})`,
    [...staff, ...customers, ...materials],
  )) as { staff_user_id: string; customer_id: string; material_id: string; alerted_at: number | string; alert_id: string }[];
  for (const r of rows) current.set(alertKey({ staffUserId: r.staff_user_id, customerId: r.customer_id, materialId: r.material_id }), { alertedAt: Number(r.alerted_at), alertId: r.alert_id });
  const winners: AlertCandidate[] = [];
  for (const c of candidates) {
    const key = alertKey(c);
    const row = current.get(key);
    const alertId = mine.get(key)!;
    if (row?.alertId === alertId) {
      winners.push(c);
      seen.set(key, c.at);
      continue;
    }
    if (row && row.alertedAt > c.at - HOUR_MS) {
      seen.set(key, row.alertedAt);
      continue;
    }
    const moved = await affectedRows(
      em,
      "UPDATE material_alert_throttle SET alerted_at = ?, alert_id = ? WHERE staff_user_id = ? AND customer_id = ? AND material_id = ? AND alerted_at <= ?",
      [c.at, alertId, c.staffUserId, c.customerId, c.materialId, c.at - HOUR_MS],
    );
    if (moved === 1) {
      winners.push(c);
      seen.set(key, c.at);
    }
  }
  if (winners.length === 0) return { staff: [], seen };
  // What each alert says is fixed now, so a retried send is the same text (WeCom's duplicate check).
  const sums = new Map<string, { opens: number; dwell: number }>();
  const [alertStaff, alertMaterials] = (["staffUserId", "materialId"] as const).map((k) => [...new Set(winners.map((c) => c[k]))]);
  const viewerKeys = [...new Set(winners.map((c) => customerKey(c.customerId)))];
  const viewers = (await em.query(
    `SELECT staff_user_id, material_id, viewer_key, SUM(opens) AS opens, SUM(dwell_ms) AS dwell FROM material_viewer WHERE material_id IN (${marks(alertMaterials.length)}) AND viewer_key IN (${marks(viewerKeys.length)}) AND staff_user_id IN (${marks(alertStaff.length)}) GROUP BY staff_user_id, material_id, viewer_key`,
    [...alertMaterials, ...viewerKeys, ...alertStaff],
  )) as { staff_user_id: string; material_id: string; viewer_key: string; opens: number | string; dwell: number | string }[];
  for (const r of viewers) sums.set(`${r.staff_user_id}|${r.viewer_key}|${r.material_id}`, { opens: Number(r.opens), dwell: Number(r.dwell) });
  await em.query(
    `INSERT INTO material_alert (id, staff_user_id, customer_id, material_id, token, title, opens, dwell_ms, state, message_id, at, sent_at) VALUES ${Array(winners.length).fill("(?, ?, ?, ?, ?, ?, ?, ?, 'pending', NULL, ?, NULL)").join(", ")}`,
    winners.flatMap((c) => {
      const sum = sums.get(`${c.staffUserId}|${customerKey(c.customerId)}|${c.materialId}`);
      return [mine.get(alertKey(c)), c.staffUserId, c.customerId, c.materialId, c.token, c.title, Math.max(1, sum?.opens ?? 1), sum?.dwell ?? 0, c.at];
    }),
  );
  return { staff: [...new Set(winners.map((c) => c.staffUserId))], seen };
}
