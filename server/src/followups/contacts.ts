import type { EntityManager } from "typeorm";
import type { DatabaseKind } from "../db/database";
import { rowsOf } from "../db/sql";

const KEEP_FIRST: Record<DatabaseKind, string> = { mysql: " ON DUPLICATE KEY UPDATE first_at = first_at", sqlite: " ON CONFLICT DO NOTHING" };

export interface FirstContact {
  customerId: string;
  staffUserId: string;
  at: Date;
  via: "marked" | "message";
}

/** Records first contacts in the caller's transaction; a staff member's later contacts keep the first. */
export async function recordContacts(em: EntityManager, kind: DatabaseKind, contacts: FirstContact[]): Promise<void> {
  if (contacts.length === 0) return;
  await em.query(
    `INSERT INTO lead_contact (customer_id, staff_user_id, first_at, via) VALUES ${rowsOf(contacts.length, 4)}${KEEP_FIRST[kind]}`,
    contacts.flatMap((c) => [c.customerId, c.staffUserId, c.at.getTime(), c.via]),
  );
}
