import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { Attribution } from "@scrm/shared";
import { insertStatement } from "../db/insertStatement";
import { TimelineEntry } from "./timeline.entity";

export interface TimelineFact {
  customerId: string;
  kind: string;
  at: Date;
  data?: Record<string, unknown>;
  attribution?: Attribution;
}

/** Appends several entries in one statement, in the caller's transaction (batched writers). */
export async function addTimelines(em: EntityManager, facts: TimelineFact[]): Promise<void> {
  if (facts.length === 0) return;
  const [sql, params] = insertStatement(
    em,
    TimelineEntry,
    facts.map((f) => ({
      id: randomUUID(),
      customerId: f.customerId,
      kind: f.kind,
      at: f.at,
      data: JSON.stringify(f.data ?? {}),
      attribution: f.attribution ? JSON.stringify(f.attribution) : null,
    })),
  );
  await em.query(sql, params);
}

/** Appends to a customer's timeline, in the caller's transaction. */
export async function addTimeline(
  em: EntityManager,
  customerId: string,
  kind: string,
  at: Date,
  data: Record<string, unknown> = {},
  attribution?: Attribution,
): Promise<void> {
  await addTimelines(em, [{ customerId, kind, at, data, attribution }]);
}
