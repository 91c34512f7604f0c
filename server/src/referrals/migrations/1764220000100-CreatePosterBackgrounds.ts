import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { idColumn, textColumn, timeColumn } from "../../db/migrationColumns";

/** A campaign's referral poster background, stored in the database so every instance serves the same one. */
export class CreatePosterBackgrounds1764220000100 implements MigrationInterface {
  name = "CreatePosterBackgrounds1764220000100";

  async up(q: QueryRunner): Promise<void> {
    // MySQL's BLOB holds 64 KB; a 2 MB upload needs MEDIUMBLOB. SQLite has one BLOB of any size.
    const blob = q.connection.options.type === "mysql" ? "mediumblob" : "blob";
    await q.createTable(
      new Table({
        name: "campaign_poster_background",
        columns: [{ ...idColumn("campaign_id"), isPrimary: true }, textColumn("content_type", "16"), { name: "image", type: blob }, timeColumn("updated_at")],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("campaign_poster_background");
  }
}
