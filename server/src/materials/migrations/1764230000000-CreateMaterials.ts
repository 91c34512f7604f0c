import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { idColumn, textColumn, timeColumn } from "../../db/migrationColumns";

/** The material library (materials, versions, assets), tracked shares, and what viewers did. */
export class CreateMaterials1764230000000 implements MigrationInterface {
  name = "CreateMaterials1764230000000";

  async up(q: QueryRunner): Promise<void> {
    // MySQL's BLOB holds 64 KB; pictures and PDFs need MEDIUMBLOB. SQLite has one BLOB of any size.
    const blob = q.connection.options.type === "mysql" ? "mediumblob" : "blob";
    await q.createTable(
      new Table({
        name: "material",
        columns: [
          { ...idColumn("id"), isPrimary: true },
          textColumn("kind", "16"),
          { name: "current_version", type: "int" },
          idColumn("current_version_id"),
          textColumn("title", "64"),
          textColumn("category", "32"),
          { name: "tags", type: "text" },
          { ...idColumn("campaign_id"), isNullable: true },
          { name: "enabled", type: "boolean" },
          textColumn("created_by", "64"),
          timeColumn("created_at"),
          timeColumn("updated_at"),
        ],
        indices: [
          { name: "idx_material_library", columnNames: ["enabled", "category", "updated_at"] },
          { name: "idx_material_campaign", columnNames: ["campaign_id"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "material_version",
        columns: [
          { ...idColumn("id"), isPrimary: true },
          idColumn("material_id"),
          { name: "version", type: "int" },
          textColumn("title", "64"),
          textColumn("summary", "200"),
          { ...idColumn("cover_asset_id"), isNullable: true },
          { name: "content", type: "text" },
          { name: "scripts", type: "text" },
          { name: "call_to_action", type: "text", isNullable: true },
          textColumn("created_by", "64"),
          timeColumn("created_at"),
        ],
        indices: [{ name: "uq_material_version", columnNames: ["material_id", "version"], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: "material_asset",
        columns: [
          { ...idColumn("id"), isPrimary: true },
          textColumn("content_type", "32"),
          { name: "size", type: "int" },
          textColumn("sha256", "64"),
          { name: "data", type: blob },
          textColumn("created_by", "64"),
          timeColumn("created_at"),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "material_share",
        columns: [
          { ...textColumn("token", "16"), isPrimary: true },
          idColumn("material_id"),
          idColumn("version_id"),
          textColumn("staff_user_id", "64"),
          textColumn("channel", "16"),
          idColumn("channel_id"),
          textColumn("sharer_kind", "16"),
          textColumn("sharer_id", "64"),
          textColumn("parent_token", "16"),
          { name: "depth", type: "int" },
          timeColumn("created_at"),
        ],
        indices: [
          { name: "idx_material_share_staff", columnNames: ["staff_user_id", "created_at"] },
          { name: "idx_material_share_material", columnNames: ["material_id", "staff_user_id"] },
          { name: "idx_material_share_parent", columnNames: ["parent_token"] },
          { name: "uq_material_share_origin", columnNames: ["version_id", "staff_user_id", "channel", "channel_id", "parent_token", "sharer_id"], isUnique: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "material_event",
        columns: [
          { ...idColumn("id"), isPrimary: true },
          textColumn("token", "16"),
          idColumn("material_id"),
          textColumn("staff_user_id", "64"),
          textColumn("kind", "16"),
          textColumn("viewer_key", "72"),
          { ...idColumn("customer_id"), isNullable: true },
          textColumn("device_id", "64"),
          { name: "dwell_ms", type: "int" },
          textColumn("detail", "32", true),
          textColumn("excluded", "8", true),
          timeColumn("at"),
        ],
        indices: [
          { name: "idx_material_event_material", columnNames: ["material_id", "at"] },
          { name: "idx_material_event_token", columnNames: ["token", "kind"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "material_viewer",
        columns: [
          { ...textColumn("token", "16"), isPrimary: true },
          { ...textColumn("viewer_key", "72"), isPrimary: true },
          idColumn("material_id"),
          textColumn("staff_user_id", "64"),
          { ...idColumn("customer_id"), isNullable: true },
          { name: "opens", type: "int" },
          { name: "dwell_ms", type: "bigint" },
          textColumn("excluded", "8", true),
          timeColumn("first_at"),
          timeColumn("last_at"),
        ],
        indices: [
          { name: "idx_material_viewer_material", columnNames: ["material_id", "viewer_key"] },
          { name: "idx_material_viewer_customer", columnNames: ["customer_id"] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["material_viewer", "material_event", "material_share", "material_asset", "material_version", "material"]) await q.dropTable(table);
  }
}
