import type mysql from "mysql2/promise";
import { keyedHash, newToken } from "@scrm/server/dist/platform/ids";

export interface SessionSubject {
  role: "customer" | "staff" | "manager";
  /** A customer id, or a staff member's WeCom userid. */
  subjectId: string;
  name: string;
}

/**
 * Bearer sessions written straight into the session table, as a sign-in would leave them
 * (the token hashed with the instance's SESSION_SECRET); answers the tokens in the same order.
 */
export async function insertSessions(db: mysql.Connection, secret: string, subjects: SessionSubject[]): Promise<string[]> {
  const tokens = subjects.map(() => newToken());
  const now = Date.now();
  for (let i = 0; i < subjects.length; i += 5_000) {
    const rows = subjects.slice(i, i + 5_000).map((s, j) => [keyedHash(secret, tokens[i + j]), s.role, s.subjectId, s.name, now, now + 86_400_000]);
    await db.query("INSERT INTO sessions (token_hash, role, subject_id, name, created_at, expires_at) VALUES ?", [rows]);
  }
  return tokens;
}
