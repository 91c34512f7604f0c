import { loadConfig } from "../config";
import { openDatabase } from "../db/database";

/** `npm run migrate`: applies pending migrations to the configured database. */
async function migrate(): Promise<void> {
  const config = await loadConfig();
  const db = await openDatabase(config.database);
  try {
    const ran = await db.migrate();
    process.stdout.write(ran.length ? `applied: ${ran.join(", ")}\n` : "database is up to date\n");
  } finally {
    await db.close();
  }
}

migrate().catch((err) => {
  process.stderr.write(`migrate failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
