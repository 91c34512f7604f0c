import type { EventFields, SignedCallback } from "./eventXml";

export interface DeliveryAttempt {
  atMs: number;
  /** The HTTP status answered, when there was an answer in time. */
  status?: number;
  /** `timeout` or the network error, when there was none. */
  error?: string;
  ms: number;
}

/** One POST of the event and its retries; a duplicated event has two. */
export interface CallbackDelivery {
  attempts: DeliveryAttempt[];
  delivered: boolean;
}

export type CallbackOutcome = "delivered" | "failed" | "dropped" | "held";

export interface CallbackReceipt {
  id: number;
  fields: EventFields;
  outcome: CallbackOutcome;
  deliveries: CallbackDelivery[];
}

/** Faults for the next events. Counts are used up event by event; `reorder` holds a batch. */
export interface CallbackFaults {
  /** The next N events are never sent. */
  drop?: number;
  /** The next N events are sent twice, byte for byte (as a WeCom redelivery looks). */
  duplicate?: number;
  /** The next `count` events (default 1) wait `ms` before their first attempt. */
  delay?: { ms: number; count?: number };
  /** The next N events are held back, then sent in reverse order when the N-th arrives. */
  reorder?: number;
}

export interface DeliveryOptions {
  url: string;
  /** WeCom waits 5 s for the 200. */
  timeoutMs: number;
  /** WeCom retries "a few seconds apart". */
  retryDelayMs: number;
  /** WeCom retries up to three more times. */
  retries: number;
}

interface Pending {
  receipt: CallbackReceipt;
  request: SignedCallback;
  copies: number;
  delayMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** WeCom's side of callback delivery: POST, wait for a 200, retry otherwise; plus injected faults. */
export class CallbackSender {
  readonly receipts: CallbackReceipt[] = [];
  private drop = 0;
  private duplicate = 0;
  private delay = { ms: 0, count: 0 };
  private reorder = 0;
  private held: Pending[] = [];

  constructor(
    readonly options: DeliveryOptions,
    private readonly now: () => number,
  ) {}

  injectFaults(faults: CallbackFaults): void {
    if (faults.drop !== undefined) this.drop = faults.drop;
    if (faults.duplicate !== undefined) this.duplicate = faults.duplicate;
    if (faults.delay) this.delay = { ms: faults.delay.ms, count: faults.delay.count ?? 1 };
    if (faults.reorder !== undefined) this.reorder = faults.reorder;
  }

  /** Ends every fault; a batch held for reordering is sent now, reversed. */
  async clearFaults(): Promise<void> {
    this.drop = this.duplicate = this.reorder = 0;
    this.delay = { ms: 0, count: 0 };
    await this.release();
  }

  async send(fields: EventFields, request: SignedCallback): Promise<CallbackReceipt> {
    const receipt: CallbackReceipt = { id: this.receipts.length + 1, fields, outcome: "held", deliveries: [] };
    this.receipts.push(receipt);
    if (this.drop > 0) {
      this.drop -= 1;
      receipt.outcome = "dropped";
      return receipt;
    }
    const pending: Pending = { receipt, request, copies: this.takeDuplicate() ? 2 : 1, delayMs: this.takeDelay() };
    if (this.reorder > 0) {
      this.held.push(pending);
      if (this.held.length < this.reorder) return receipt;
      this.reorder = 0;
      await this.release();
      return receipt;
    }
    await this.deliver(pending);
    return receipt;
  }

  private takeDuplicate(): boolean {
    if (this.duplicate <= 0) return false;
    this.duplicate -= 1;
    return true;
  }

  private takeDelay(): number {
    if (this.delay.count <= 0) return 0;
    this.delay.count -= 1;
    return this.delay.ms;
  }

  private async release(): Promise<void> {
    const batch = this.held.reverse();
    this.held = [];
    for (const pending of batch) await this.deliver(pending);
  }

  private async deliver({ receipt, request, copies, delayMs }: Pending): Promise<void> {
    if (delayMs > 0) await sleep(delayMs);
    for (let copy = 0; copy < copies; copy++) {
      const delivery: CallbackDelivery = { attempts: [], delivered: false };
      receipt.deliveries.push(delivery);
      for (let attempt = 0; attempt <= this.options.retries && !delivery.delivered; attempt++) {
        if (attempt > 0) await sleep(this.options.retryDelayMs);
        const result = await this.post(request);
        delivery.attempts.push(result);
        delivery.delivered = result.status === 200;
      }
    }
    receipt.outcome = receipt.deliveries.some((d) => d.delivered) ? "delivered" : "failed";
  }

  private async post(request: SignedCallback): Promise<DeliveryAttempt> {
    const atMs = this.now();
    const started = Date.now();
    const url = new URL(this.options.url);
    for (const [k, v] of Object.entries(request.query)) url.searchParams.set(k, v);
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "text/xml; charset=utf-8" },
        body: request.body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await res.arrayBuffer(); // the answer must also arrive within the timeout
      return { atMs, status: res.status, ms: Date.now() - started };
    } catch (err) {
      const e = err as Error;
      const error = e.name === "TimeoutError" || e.name === "AbortError" ? "timeout" : (e.cause as Error | undefined)?.message ?? e.message;
      return { atMs, error, ms: Date.now() - started };
    }
  }
}
