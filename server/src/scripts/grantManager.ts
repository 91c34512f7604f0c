import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { Sessions } from "../auth/sessions";
import { findStaff } from "../wecom/directory/staffRecords";
import { promoteToManagers } from "../wecom/directory/roles";

/**
 * `npm run grant-manager -- <userid>`: makes a synced, active staff member a manager, for a
 * deployment that did not set INITIAL_MANAGER_USERIDS. Managers name the others in the app.
 */
async function grantManager(userid: string | undefined): Promise<string> {
  if (!userid) throw new Error("usage: npm run grant-manager -- <WeCom userid>");
  const config = await loadConfig();
  const db = await openDatabase(config.database);
  try {
    if (!(await db.migrationsApplied())) throw new Error("the database is not migrated: start the server (or npm run migrate) first");
    const member = await findStaff(db, userid);
    if (!member) throw new Error(`${userid} is not in the staff directory: start the server so it syncs from WeCom, and check the userid`);
    if (member.status !== "active") throw new Error(`${userid} (${member.name}) has left or is disabled in WeCom`);
    if (member.role === "manager") return `${userid} (${member.name}) is already a manager`;
    await promoteToManagers(db, new Sessions(db, config.session), [userid]);
    return `${userid} (${member.name}) is now a manager`;
  } finally {
    await db.close();
  }
}

grantManager(process.argv[2]).then(
  (done) => process.stdout.write(`${done}\n`),
  (err) => {
    process.stderr.write(`grant-manager failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
