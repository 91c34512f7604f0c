import { Table, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";
import { idColumn, textColumn, timeColumn } from "../../db/migrationColumns";

/** Real-time alerts to the sharing staff member (throttle, alerts, minute budget), and the index statistics count events by. */
export class CreateMaterialAlerts1764230000100 implements MigrationInterface {
  name = "CreateMaterialAlerts1764230000100";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "material_alert_throttle",
        columns: [
          { ...textColumn("staff_user_id", "64"), isPrimary: true },
          { ...idColumn("customer_id"), isPrimary: true },
          { ...idColumn("material_id"), isPrimary: true },
          timeColumn("alerted_at"),
          idColumn("alert_id"),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "material_alert",
        columns: [
          { ...idColumn("id"), isPrimary: true },
          textColumn("staff_user_id", "64"),
          idColumn("customer_id"),
          idColumn("material_id"),
          textColumn("token", "16"),
          textColumn("title", "64"),
          { name: "opens", type: "int" },
          { name: "dwell_ms", type: "bigint" },
          textColumn("state", "8"),
          { ...idColumn("message_id"), isNullable: true },
          timeColumn("at"),
          timeColumn("sent_at", true),
        ],
        indices: [
          { name: "idx_material_alert_staff", columnNames: ["staff_user_id", "state"] },
          { name: "idx_material_alert_message", columnNames: ["message_id"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "material_alert_slot",
        columns: [
          { ...textColumn("staff_user_id", "64"), isPrimary: true },
          { name: "slot", type: "int", isPrimary: true },
          { name: "used_at", type: "bigint" },
          idColumn("holder"),
        ],
      }),
    );
    // Statistics count share intents and calls to action of one material without reading its heartbeats.
    await q.createIndex("material_event", new TableIndex({ name: "idx_material_event_kind", columnNames: ["material_id", "kind", "token"] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex("material_event", "idx_material_event_kind");
    for (const table of ["material_alert_slot", "material_alert", "material_alert_throttle"]) await q.dropTable(table);
  }
}
