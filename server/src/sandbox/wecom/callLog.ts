/** One raw call as the simulator received it, credentials masked, with the errcode it answered. */
export interface RecordedCall {
  seq: number;
  atMs: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  errcode: number;
}

export interface CallFilter {
  path?: string;
  errcode?: number;
  sinceSeq?: number;
}

export class CallLog {
  private readonly calls: RecordedCall[] = [];
  private seq = 0;

  record(call: Omit<RecordedCall, "seq">): RecordedCall {
    const recorded = { seq: ++this.seq, ...call };
    this.calls.push(recorded);
    return recorded;
  }

  list(filter: CallFilter = {}): RecordedCall[] {
    return this.calls.filter(
      (c) =>
        (filter.path === undefined || c.path === filter.path) &&
        (filter.errcode === undefined || c.errcode === filter.errcode) &&
        (filter.sinceSeq === undefined || c.seq > filter.sinceSeq),
    );
  }
}
