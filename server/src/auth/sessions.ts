import { In } from "typeorm";
import type { Role, SessionResponse, SessionUser } from "@scrm/shared";
import type { Database } from "../db/database";
import { keyedHash, newToken } from "../platform/ids";
import { HOUR_MS } from "../platform/clock";
import { TtlCache } from "../platform/ttlCache";
import { batchedReads } from "../platform/batchedReads";
import { marks } from "../db/sql";
import { Session } from "./session.entity";

/** Staff sessions carry the WeCom userid as subject; customers' ids live in another namespace. */
const STAFF_ROLES: Role[] = ["staff", "manager"];

export interface IssuedSession {
  token: string;
  expiresAt: Date;
  user: SessionUser;
}

/**
 * How long an instance trusts its copy of a session: every signed-in request needs one. A session
 * ended on another instance still works here for at most this long; ended here, at once.
 */
const SESSION_CACHE_MS = 5_000;

/** How long a session read waits for others to go with it. */
const SESSION_READ_WINDOW_MS = 1;

interface StoredSession {
  user: SessionUser;
  expiresAt: number;
}

/** A new session as sign-in routes answer it. */
export const presentSession = (issued: IssuedSession): SessionResponse => ({ ...issued, expiresAt: issued.expiresAt.toISOString() });

/**
 * Opaque bearer sessions. Expiry is a security window, so it runs on the real clock, not the
 * business clock that tests and the sandbox move.
 */
export class Sessions {
  private readonly cache = new TtlCache<string, StoredSession | null>(SESSION_CACHE_MS, 100_000);
  /** Every signed-in request without a cached session reads one: the reads of a millisecond go together. */
  private readonly load = batchedReads((hashes: string[]) => this.loadMany(hashes), null, SESSION_READ_WINDOW_MS);

  constructor(
    private readonly db: Database,
    private readonly options: { secret: string; ttlHours: number },
  ) {}

  async issue(user: SessionUser): Promise<IssuedSession> {
    const token = newToken();
    const now = Date.now();
    const session = Object.assign(new Session(), {
      tokenHash: this.hash(token),
      role: user.role,
      subjectId: user.id,
      name: user.name,
      createdAt: new Date(now),
      expiresAt: new Date(now + this.options.ttlHours * HOUR_MS),
    });
    await this.db.transaction((em) => em.insert(Session, session));
    return { token, expiresAt: session.expiresAt, user };
  }

  /** The user behind a bearer token, or undefined when the token is unknown or expired. */
  async authenticate(token: string): Promise<SessionUser | undefined> {
    const session = await this.cache.get(this.hash(token), this.load);
    return session && session.expiresAt > Date.now() ? session.user : undefined;
  }

  async revoke(token: string): Promise<void> {
    const hash = this.hash(token);
    await this.db.transaction((em) => em.delete(Session, { tokenHash: hash }));
    this.cache.delete(hash);
  }

  /** Ends every session of these staff members: they left, or a manager changed their role. */
  async revokeStaff(userids: readonly string[]): Promise<void> {
    if (userids.length === 0) return;
    await this.db.transaction((em) => em.delete(Session, { subjectId: In([...userids]), role: In(STAFF_ROLES) }));
    this.cache.clear();
  }

  /** A plain statement, without the query builder's work. */
  private async loadMany(hashes: string[]): Promise<Map<string, StoredSession>> {
    const rows = (await this.db.manager.query(`SELECT token_hash, role, subject_id, name, expires_at FROM sessions WHERE token_hash IN (${marks(hashes.length)})`, hashes)) as {
      token_hash: string;
      role: string;
      subject_id: string;
      name: string;
      expires_at: string | number;
    }[];
    return new Map(rows.map((row) => [row.token_hash, { user: { id: row.subject_id, role: row.role as Role, name: row.name }, expiresAt: Number(row.expires_at) }]));
  }

  private hash(token: string): string {
    return keyedHash(this.options.secret, token);
  }
}
