import type { Database } from "../db/database";
import { isDuplicateKey } from "../db/database";
import type { Outbox } from "../platform/outbox/outbox";
import type { Logger } from "../platform/logger";
import { PayNotificationRow } from "./notification.entity";
import { openNotification, type PayNotification } from "./notification";
import type { WechatPayVerifier } from "./verifier";

/** What a domain does with one kind of notification; answers the outcome managers see. */
export type PayEventHandler = (resource: unknown, notification: { id: string; createTime: string }) => Promise<string>;

const PAY_NOTIFICATION = "pay.notification";

/**
 * Verified WeChat Pay notifications: stored once by their id (a redelivery changes nothing), then
 * handled from the outbox by the handler its domain registered for its event type.
 */
export class PayNotifications {
  private readonly handlers = new Map<string, PayEventHandler>();

  constructor(
    private readonly deps: { db: Database; outbox: Outbox; logger: Logger },
    /** How notifications are checked: absent when WeChat Pay is not configured. */
    private readonly keys?: { verifier: WechatPayVerifier; apiV3Key: string },
  ) {
    deps.outbox.register(PAY_NOTIFICATION, (payload) => this.handle((payload as { id: string }).id));
  }

  on(eventType: string, handler: PayEventHandler): void {
    if (this.handlers.has(eventType)) throw new Error(`a handler for ${eventType} is already registered`);
    this.handlers.set(eventType, handler);
  }

  get enabled(): boolean {
    return this.keys !== undefined;
  }

  /**
   * Verifies, decrypts and stores one notification as received (raw bytes); answers false for a
   * redelivery. Throws the verification errors of `openNotification`.
   */
  async receive(headers: Record<string, string | string[] | undefined>, rawBody: Buffer): Promise<boolean> {
    if (!this.keys) throw new Error("WeChat Pay is not configured");
    return this.store(openNotification(headers, rawBody, this.keys.verifier, this.keys.apiV3Key));
  }

  /**
   * Handles again the notifications of a type that found nothing to act on (`outcome`) and name
   * `mention` (e.g. a COUPON.USE that arrived before our send learned its coupon id).
   */
  async retryUnmatched(eventType: string, outcome: string, mention: string): Promise<number> {
    const { db, outbox } = this.deps;
    const rows = await db.manager
      .createQueryBuilder(PayNotificationRow, "n")
      .select("n.id", "id")
      .where("n.event_type = :eventType AND n.outcome = :outcome AND n.resource LIKE :mention", { eventType, outcome, mention: `%"${mention.replace(/[%_"\\]/g, "")}"%` })
      .getRawMany<{ id: string }>();
    for (const { id } of rows) {
      const jobId = await db.transaction(async (em) => {
        const reset = await em.update(PayNotificationRow, { id, outcome }, { outcome: null, handledAt: null });
        return reset.affected === 1 ? outbox.enqueue(em, PAY_NOTIFICATION, { id }) : undefined;
      });
      if (jobId) outbox.kick(jobId);
    }
    return rows.length;
  }

  private async store(n: PayNotification): Promise<boolean> {
    const { db, outbox } = this.deps;
    let jobId: string;
    try {
      jobId = await db.transaction(async (em) => {
        await em.insert(PayNotificationRow, {
          id: n.id,
          eventType: n.eventType,
          createTime: n.createTime,
          resource: JSON.stringify(n.resource),
          outcome: null,
          receivedAt: new Date(),
          handledAt: null,
        });
        return outbox.enqueue(em, PAY_NOTIFICATION, { id: n.id });
      });
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
    outbox.kick(jobId);
    return true;
  }

  private async handle(id: string): Promise<void> {
    const { db, logger } = this.deps;
    const row = await db.manager.findOneBy(PayNotificationRow, { id });
    if (!row || row.handledAt) return;
    const handler = this.handlers.get(row.eventType);
    const outcome = handler ? await handler(JSON.parse(row.resource) as unknown, row) : "ignored";
    await db.transaction((em) => em.update(PayNotificationRow, { id }, { outcome, handledAt: new Date() }));
    logger.info({ notificationId: id, eventType: row.eventType, outcome }, "WeChat Pay notification handled");
  }
}
