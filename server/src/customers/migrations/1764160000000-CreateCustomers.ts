import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { idColumn as id, textColumn as text, timeColumn as time } from "../../db/migrationColumns";

export class CreateCustomers1764160000000 implements MigrationInterface {
  name = "CreateCustomers1764160000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "customers",
        columns: [
          { ...id("id"), isPrimary: true },
          text("name", "64"),
          text("avatar", "512"),
          { name: "gender", type: "int" },
          text("phone_cipher", "255", true),
          time("consented_at", true),
          { name: "first_touch", type: "text", isNullable: true },
          { ...id("merged_into"), isNullable: true },
          time("created_at"),
        ],
        indices: [{ name: "idx_customers_merged_into", columnNames: ["merged_into"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "customer_identities",
        columns: [{ ...id("id"), isPrimary: true }, id("customer_id"), text("kind", "24"), text("value", "128"), time("created_at")],
        indices: [
          { name: "uq_customer_identities", columnNames: ["kind", "value"], isUnique: true },
          { name: "idx_customer_identities_customer", columnNames: ["customer_id"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "customer_merges",
        columns: [{ ...id("id"), isPrimary: true }, id("from_customer"), id("into_customer"), text("reason", "64"), time("at")],
      }),
    );
    await q.createTable(
      new Table({
        name: "customer_timeline",
        columns: [
          { ...id("id"), isPrimary: true },
          id("customer_id"),
          text("kind", "32"),
          time("at"),
          { name: "data", type: "text" },
          { name: "attribution", type: "text", isNullable: true },
        ],
        indices: [{ name: "idx_customer_timeline_customer", columnNames: ["customer_id", "at"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "customer_follows",
        columns: [
          { ...id("id"), isPrimary: true },
          id("customer_id"),
          text("staff_user_id", "64"),
          text("external_user_id", "64"),
          { ...id("channel_id"), isNullable: true },
          text("state", "30", true),
          text("status", "16"),
          { name: "counted_new", type: "boolean" },
          time("added_at"),
          time("ended_at", true),
          time("last_event_time"),
          text("welcome_status", "16"),
          text("welcome_error", "255", true),
          text("remark", "64", true),
          { name: "tags", type: "text" },
        ],
        indices: [
          { name: "uq_customer_follows", columnNames: ["staff_user_id", "external_user_id"], isUnique: true },
          { name: "idx_customer_follows_channel", columnNames: ["channel_id", "added_at"] },
          { name: "idx_customer_follows_staff", columnNames: ["staff_user_id", "status"] },
          { name: "idx_customer_follows_customer", columnNames: ["customer_id"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "customer_invites",
        columns: [
          { ...text("code", "30"), isPrimary: true },
          id("customer_id"),
          id("channel_id"),
          text("staff_user_id", "64"),
          text("config_id", "64"),
          text("qr_code", "512"),
          time("expires_at"),
          time("created_at"),
          text("used_by", "64", true),
        ],
        indices: [{ name: "idx_customer_invites_customer", columnNames: ["customer_id", "channel_id"] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["customer_invites", "customer_follows", "customer_timeline", "customer_merges", "customer_identities", "customers"]) await q.dropTable(table);
  }
}
