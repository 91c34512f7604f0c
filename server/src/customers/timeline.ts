import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { Attribution } from "@scrm/shared";
import { TimelineEntry } from "./timeline.entity";

/** Appends to a customer's timeline, in the caller's transaction. */
export async function addTimeline(
  em: EntityManager,
  customerId: string,
  kind: string,
  at: Date,
  data: Record<string, unknown> = {},
  attribution?: Attribution,
): Promise<void> {
  await em.insert(TimelineEntry, {
    id: randomUUID(),
    customerId,
    kind,
    at,
    data: JSON.stringify(data),
    attribution: attribution ? JSON.stringify(attribution) : null,
  });
}
