import { randomUUID } from "node:crypto";
import { affectedRows, type Database } from "../db/database";

/**
 * Claims rows of a job table (inbox, outbox, follow-up tasks) for one worker for a while, so any
 * number of instances share the work and a crashed instance's rows come back when the lease runs
 * out. The table needs `id`, `lease_owner` (varchar) and `lease_until` (BIGINT epoch ms, real clock).
 *
 * The claim is a conditional UPDATE whose WHERE re-checks that the lease is free, so two claimers
 * can never both win a row; on MySQL/MariaDB `FOR UPDATE SKIP LOCKED` only keeps them from queueing
 * behind each other's candidate rows.
 */
export interface LeaseQuery {
  table: string;
  /** Extra condition that makes a row due, e.g. `state = 'pending' AND due_at <= :now`. */
  where: string;
  params?: Record<string, unknown>;
  orderBy?: string;
}

export interface ClaimOptions {
  owner: string;
  leaseMs: number;
  limit: number;
  /** Real-clock time of the claim (tests pass one); defaults to `Date.now()`. `:now` in `where`. */
  now?: number;
  /** Parameters of this claim's `where`, added to the query's own (e.g. one row's id). */
  params?: Record<string, unknown>;
}

/** A row held by one claim; its token proves the holder when renewing or releasing. */
export interface Lease {
  id: string;
  token: string;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
const FREE_RAW = "(lease_until IS NULL OR lease_until < ?)";

export class JobLease {
  constructor(
    private readonly db: Database,
    private readonly query: LeaseQuery,
  ) {
    if (!IDENT.test(query.table)) throw new Error(`invalid table name ${query.table}`);
  }

  /** Leases up to `limit` due rows to `owner`; answers the leases it won. */
  async claim(options: ClaimOptions): Promise<Lease[]> {
    const now = options.now ?? Date.now();
    const claimId = `${options.owner}#${randomUUID()}`.slice(0, 100);
    const { table, where, params = {}, orderBy = "id" } = this.query;
    const free = "(lease_until IS NULL OR lease_until < :now)";
    return this.db.transaction(async (em) => {
      const select = em
        .createQueryBuilder()
        .select("id")
        .from(table, table)
        .where(`${where} AND ${free}`, { ...params, ...options.params, now })
        .orderBy(orderBy)
        .limit(options.limit);
      if (this.db.kind === "mysql") select.setLock("pessimistic_write").setOnLocked("skip_locked");
      const candidates = (await select.getRawMany<{ id: string | number }>()).map((r) => r.id);
      if (candidates.length === 0) return [];
      // Raw statements on purpose: the job tables have entities whose property names differ from
      // their column names, and the lease columns are the same in every job table.
      const marks = candidates.map(() => "?").join(", ");
      await em.query(`UPDATE ${table} SET lease_owner = ?, lease_until = ? WHERE id IN (${marks}) AND ${FREE_RAW}`, [
        claimId,
        now + options.leaseMs,
        ...candidates,
        now,
      ]);
      const won: { id: string | number }[] = await em.query(`SELECT id FROM ${table} WHERE id IN (${marks}) AND lease_owner = ?`, [...candidates, claimId]);
      return won.map((r) => ({ id: String(r.id), token: claimId }));
    });
  }

  /** Extends a lease this worker still holds; false when it was lost (expired and taken). */
  renew(lease: Lease, leaseMs: number, now = Date.now()): Promise<boolean> {
    return this.ifHeld(lease, { lease_until: now + leaseMs });
  }

  /** Gives a row back, with the changes its work made (state, attempts), if this worker still holds it. */
  release(lease: Lease, changes: Record<string, unknown> = {}): Promise<boolean> {
    return this.ifHeld(lease, { ...changes, lease_owner: null, lease_until: null });
  }

  private async ifHeld(lease: Lease, set: Record<string, unknown>): Promise<boolean> {
    const columns = Object.keys(set);
    for (const column of columns) if (!IDENT.test(column)) throw new Error(`invalid column name ${column}`);
    const assignments = columns.map((c) => `${c} = ?`).join(", ");
    return this.db.transaction(
      async (em) =>
        (await affectedRows(em, `UPDATE ${this.query.table} SET ${assignments} WHERE id = ? AND lease_owner = ?`, [...columns.map((c) => set[c]), lease.id, lease.token])) === 1,
    );
  }
}
