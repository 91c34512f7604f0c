/** What every simulator keeps of a call it received (credentials never among it). */
export interface LoggedCall {
  seq: number;
  atMs: number;
  method: string;
  path: string;
}

/** Calls after `sinceSeq` whose fields equal the given ones (`path` as the log matches paths). */
export type CallQuery<C extends LoggedCall> = { sinceSeq?: number } & Partial<Omit<C, "seq" | "atMs">>;

/**
 * The raw calls a simulator received, in order, for `_inspect/calls` and tests. `path` matches
 * exactly, or as a prefix for APIs whose paths carry ids (`/v3/…/users/{openid}/coupons`).
 */
export class CallLog<C extends LoggedCall> {
  private readonly calls: C[] = [];
  private seq = 0;

  constructor(private readonly pathMatch: "exact" | "prefix" = "exact") {}

  record(call: Omit<C, "seq">): C {
    const recorded = { seq: ++this.seq, ...call } as C;
    this.calls.push(recorded);
    return recorded;
  }

  list(query: CallQuery<C> = {}): C[] {
    const { sinceSeq, path, ...fields } = query as CallQuery<LoggedCall> & Record<string, unknown>;
    const samePath = (p: string) => path === undefined || (this.pathMatch === "prefix" ? p.startsWith(path) : p === path);
    return this.calls.filter(
      (c) =>
        (sinceSeq === undefined || c.seq > sinceSeq) &&
        samePath(c.path) &&
        Object.entries(fields).every(([k, v]) => v === undefined || (c as unknown as Record<string, unknown>)[k] === v),
    );
  }
}
