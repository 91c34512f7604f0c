import type { SecretKind } from "./tokens";

/** One raw call as the simulator received it, credentials masked, with the errcode it answered. */
export interface RecordedCall {
  seq: number;
  atMs: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** The secret the call presented (gettoken) or whose token it carried; never the secret itself. */
  secretKind?: SecretKind;
  errcode: number;
}

export interface CallFilter {
  path?: string;
  errcode?: number;
  secretKind?: SecretKind;
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
        (filter.secretKind === undefined || c.secretKind === filter.secretKind) &&
        (filter.sinceSeq === undefined || c.seq > filter.sinceSeq),
    );
  }
}
