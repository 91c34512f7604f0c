import { In } from "typeorm";
import type { Role, SessionResponse, SessionUser } from "@scrm/shared";
import type { Database } from "../db/database";
import { keyedHash, newToken } from "../platform/ids";
import { HOUR_MS } from "../platform/clock";
import { Session } from "./session.entity";

/** Staff sessions carry the WeCom userid as subject; customers' ids live in another namespace. */
const STAFF_ROLES: Role[] = ["staff", "manager"];

export interface IssuedSession {
  token: string;
  expiresAt: Date;
  user: SessionUser;
}

/** A new session as sign-in routes answer it. */
export const presentSession = (issued: IssuedSession): SessionResponse => ({ ...issued, expiresAt: issued.expiresAt.toISOString() });

/**
 * Opaque bearer sessions. Expiry is a security window, so it runs on the real clock, not the
 * business clock that tests and the sandbox move.
 */
export class Sessions {
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
    // Every signed-in request runs this: a plain statement, without the query builder's work.
    const [session] = (await this.db.manager.query("SELECT role, subject_id, name, expires_at FROM sessions WHERE token_hash = ?", [this.hash(token)])) as {
      role: string;
      subject_id: string;
      name: string;
      expires_at: string | number;
    }[];
    if (!session || !(Number(session.expires_at) > Date.now())) return undefined;
    return { id: session.subject_id, role: session.role as Role, name: session.name };
  }

  async revoke(token: string): Promise<void> {
    await this.db.transaction((em) => em.delete(Session, { tokenHash: this.hash(token) }));
  }

  /** Ends every session of these staff members: they left, or a manager changed their role. */
  async revokeStaff(userids: readonly string[]): Promise<void> {
    if (userids.length === 0) return;
    await this.db.transaction((em) => em.delete(Session, { subjectId: In([...userids]), role: In(STAFF_ROLES) }));
  }

  private hash(token: string): string {
    return keyedHash(this.options.secret, token);
  }
}
