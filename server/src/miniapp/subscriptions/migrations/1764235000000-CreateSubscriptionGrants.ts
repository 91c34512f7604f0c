import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { idColumn, textColumn, timeColumn } from "../../../db/migrationColumns";

/** Mini-program subscribe messages: the one-time grants customers gave, and every send's result. */
export class CreateSubscriptionGrants1764235000000 implements MigrationInterface {
  name = "CreateSubscriptionGrants1764235000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "miniapp_subscription_grants",
        columns: [
          { ...idColumn("id"), isPrimary: true },
          idColumn("customer_id"),
          textColumn("template_key", "32"),
          textColumn("template_id", "64"),
          textColumn("state", "12"),
          timeColumn("granted_at"),
          timeColumn("taken_at", true),
        ],
        indices: [{ name: "idx_miniapp_subscription_grants_open", columnNames: ["customer_id", "template_key", "state"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "miniapp_subscribe_sends",
        columns: [
          { ...idColumn("id"), isPrimary: true },
          idColumn("grant_id"),
          idColumn("customer_id"),
          textColumn("template_key", "32"),
          textColumn("page", "512", true),
          textColumn("outcome", "8"),
          { name: "errcode", type: "int", isNullable: true },
          textColumn("errmsg", "255", true),
          timeColumn("at"),
        ],
        indices: [
          { name: "idx_miniapp_subscribe_sends_grant", columnNames: ["grant_id"] },
          { name: "idx_miniapp_subscribe_sends_customer", columnNames: ["customer_id", "at"] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["miniapp_subscribe_sends", "miniapp_subscription_grants"]) await q.dropTable(table);
  }
}
