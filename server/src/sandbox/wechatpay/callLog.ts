/**
 * One API call as the simulator received it, with what it answered. Only the path, the query and
 * the JSON body are kept: the Authorization header is never recorded, and these APIs carry no
 * other secret.
 */
export interface RecordedPayCall {
  seq: number;
  atMs: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** The error code answered, absent on success. */
  code?: string;
  requestId: string;
}

export interface PayCallFilter {
  /** Calls whose path starts with this. */
  path?: string;
  code?: string;
  sinceSeq?: number;
}

export class PayCallLog {
  private readonly calls: RecordedPayCall[] = [];
  private seq = 0;

  record(call: Omit<RecordedPayCall, "seq">): void {
    this.calls.push({ seq: ++this.seq, ...call });
  }

  list(filter: PayCallFilter = {}): RecordedPayCall[] {
    return this.calls.filter(
      (c) =>
        (filter.path === undefined || c.path.startsWith(filter.path)) &&
        (filter.code === undefined || c.code === filter.code) &&
        (filter.sinceSeq === undefined || c.seq > filter.sinceSeq),
    );
  }
}
