import { randomUUID } from "node:crypto";
import { encryptResource } from "../../pay/crypto";
import { ENCRYPTED_RESOURCE_TYPE } from "../../pay/notification";
import { wechatPayTime } from "../../pay/wireTime";
import type { PlatformIdentity } from "./platform";
import type { Waits } from "./waits";

/** One event for the merchant, before it is sealed. */
export interface PayEvent {
  eventType: string;
  summary: string;
  /** The resource's `original_type`, also its associated data: `coupon` or `transaction`. */
  originalType: string;
  resource: Record<string, unknown>;
}

/** The body WeChat Pay POSTs: the envelope, with the resource sealed under the APIv3 key. */
export function sealNotification(event: PayEvent, apiV3Key: string, id: string, nowMs: number): string {
  return JSON.stringify({
    id,
    create_time: wechatPayTime(nowMs),
    resource_type: ENCRYPTED_RESOURCE_TYPE,
    event_type: event.eventType,
    summary: event.summary,
    resource: { original_type: event.originalType, ...encryptResource(JSON.stringify(event.resource), apiV3Key, event.originalType) },
  });
}

export interface DeliveryAttempt {
  atMs: number;
  /** The HTTP status answered, when there was an answer in time. */
  status?: number;
  /** `timeout` or the network error, when there was none. */
  error?: string;
}

/** One copy of a notification and its retries; a duplicated notification has two. */
export interface NotificationDelivery {
  attempts: DeliveryAttempt[];
  delivered: boolean;
}

/** What `_inspect/notifications` shows: what was sent, where, and how it went. */
export interface SentNotification {
  id: string;
  eventType: string;
  summary: string;
  createTime: string;
  url?: string;
  /** The resource before encryption. */
  resource: Record<string, unknown>;
  deliveries: NotificationDelivery[];
  outcome: "sending" | "delivered" | "failed" | "cancelled" | "no_url";
  lastStatus?: number;
}

export interface NotifierOptions {
  apiV3Key: string;
  identity: PlatformIdentity;
  /** Waits before each retry; one attempt more than there are delays. */
  retryDelaysMs: number[];
  now: () => number;
  waits: Waits;
}

/** WeChat Pay waits 5 s for the merchant's 2xx before counting an attempt failed. */
const ANSWER_TIMEOUT_MS = 5000;

/**
 * WeChat Pay's side of notifications: POST the sealed body, signed afresh at each attempt (a
 * retry hours later must still be inside the merchant's window), until a 2xx or the retries run
 * out. Runs in the background; `close()` aborts what is in flight, and the simulator's `Waits`
 * cancels the retries.
 */
export class Notifier {
  readonly sent: SentNotification[] = [];
  private readonly inFlight = new AbortController();

  constructor(private readonly options: NotifierOptions) {}

  send(url: string | undefined, event: PayEvent, copies: number): SentNotification {
    const nowMs = this.options.now();
    const id = randomUUID();
    const record: SentNotification = {
      id,
      eventType: event.eventType,
      summary: event.summary,
      createTime: wechatPayTime(nowMs),
      ...(url ? { url } : {}),
      resource: event.resource,
      deliveries: [],
      outcome: url ? "sending" : "no_url",
    };
    this.sent.push(record);
    if (url) void this.deliverCopies(record, url, sealNotification(event, this.options.apiV3Key, id, nowMs), copies);
    return record;
  }

  close(): void {
    this.inFlight.abort();
  }

  /** Copies go one after the other, as a redelivery follows the first delivery. */
  private async deliverCopies(record: SentNotification, url: string, body: string, copies: number): Promise<void> {
    for (let copy = 0; copy < copies; copy++) await this.deliver(record, url, body);
    if (record.deliveries.every((d) => d.delivered)) record.outcome = "delivered";
    else record.outcome = this.options.waits.isClosed ? "cancelled" : "failed";
  }

  private async deliver(record: SentNotification, url: string, body: string): Promise<void> {
    const delivery: NotificationDelivery = { attempts: [], delivered: false };
    record.deliveries.push(delivery);
    for (const delayMs of [0, ...this.options.retryDelaysMs]) {
      if (delayMs > 0 && !(await this.options.waits.wait(delayMs))) return;
      if (this.options.waits.isClosed) return;
      const attempt = await this.post(url, body);
      delivery.attempts.push(attempt);
      record.lastStatus = attempt.status;
      if (attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300) {
        delivery.delivered = true;
        return;
      }
    }
  }

  private async post(url: string, body: string): Promise<DeliveryAttempt> {
    const atMs = this.options.now();
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...this.options.identity.signedHeaders(body, atMs) },
        body,
        signal: AbortSignal.any([AbortSignal.timeout(ANSWER_TIMEOUT_MS), this.inFlight.signal]),
      });
      await res.arrayBuffer(); // the answer must also arrive within the timeout
      return { atMs, status: res.status };
    } catch (err) {
      const e = err as Error;
      const error = e.name === "TimeoutError" || e.name === "AbortError" ? "timeout" : ((e.cause as Error | undefined)?.message ?? e.message);
      return { atMs, error };
    }
  }
}
