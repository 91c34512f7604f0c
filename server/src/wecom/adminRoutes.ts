import type Router from "@koa/router";
import { IsNull, Not, type FindOptionsWhere } from "typeorm";
import { WecomEventsQuery, type WecomEventSummary, type WecomEventsResponse } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { Conflict, NotFound } from "../http/errors";
import { parseQuery } from "../http/validate";
import { InboxEventRow } from "./inbox/inboxEvent.entity";

const present = (row: InboxEventRow): WecomEventSummary => ({
  id: row.id,
  event: row.event,
  changeType: row.changeType,
  userId: row.userId,
  externalUserId: row.externalUserId,
  createTime: row.createTime,
  state: row.state,
  attempts: row.attempts,
  lastError: row.lastError,
  receivedAt: row.receivedAt.toISOString(),
  handledAt: row.handledAt?.toISOString() ?? null,
});

/** Managers look at callbacks whose handling failed, and replay one once the cause is fixed. */
export function wecomAdminRoutes(router: Router, { allow, db, inboxWorker }: AppDeps): void {
  router.get("/api/admin/wecom/events", allow("manager"), async (ctx) => {
    const { state, limit } = parseQuery(ctx, WecomEventsQuery);
    const where: FindOptionsWhere<InboxEventRow> = state === "failing" ? { state: "pending", lastError: Not(IsNull()) } : { state };
    const rows = await db.manager.find(InboxEventRow, { where, order: { receivedAt: "DESC" }, take: limit });
    const body: WecomEventsResponse = { events: rows.map(present) };
    ctx.body = body;
  });

  router.post("/api/admin/wecom/events/:id/replay", allow("manager"), async (ctx) => {
    const { id } = ctx.params;
    if (!(await db.manager.existsBy(InboxEventRow, { id }))) throw NotFound("Event");
    if (!(await inboxWorker.replay(id))) throw Conflict("Only a dead event, or one waiting for a retry, can be replayed");
    await inboxWorker.handleNow(id);
    const row = await db.manager.findOneByOrFail(InboxEventRow, { id });
    ctx.body = { event: present(row) };
  });
}
