import { Table, type MigrationInterface, type QueryRunner } from "typeorm";
import { idColumn, textColumn, timeColumn } from "../../db/migrationColumns";

/** Follow-up plans, their task queue, opt-outs and first contacts (lead response). */
export class CreateFollowups1764240000000 implements MigrationInterface {
  name = "CreateFollowups1764240000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "followup_plan",
        columns: [
          { ...idColumn("id"), isPrimary: true },
          textColumn("plan_key", "32", true),
          textColumn("name", "64"),
          textColumn("trigger_kind", "24"),
          { name: "trigger_def", type: "text" },
          { name: "steps", type: "text" },
          { name: "enabled", type: "boolean" },
          { name: "version", type: "int" },
          timeColumn("created_at"),
          timeColumn("updated_at"),
        ],
        indices: [
          { name: "uq_followup_plan_key", columnNames: ["plan_key"], isUnique: true },
          { name: "idx_followup_plan_trigger", columnNames: ["trigger_kind"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "followup_task",
        columns: [
          { ...idColumn("id"), isPrimary: true },
          idColumn("plan_id"),
          { name: "plan_version", type: "int" },
          { name: "step", type: "int" },
          textColumn("channel", "20"),
          idColumn("customer_id"),
          textColumn("staff_user_id", "64", true),
          textColumn("occurrence", "100"),
          timeColumn("trigger_at"),
          timeColumn("due_at"),
          textColumn("state", "12"),
          { ...idColumn("claim_id"), isNullable: true },
          { name: "text", type: "text", isNullable: true },
          textColumn("result", "128", true),
          textColumn("reason", "255", true),
          timeColumn("sending_at", true),
          timeColumn("sent_at", true),
          { name: "attempts", type: "int", default: 0 },
          { name: "last_error", type: "text", isNullable: true },
          textColumn("lease_owner", "100", true),
          timeColumn("lease_until", true),
          timeColumn("created_at"),
        ],
        indices: [
          { name: "uq_followup_task", columnNames: ["plan_id", "step", "customer_id", "occurrence"], isUnique: true },
          { name: "idx_followup_task_due", columnNames: ["state", "due_at"] },
          { name: "idx_followup_task_staff", columnNames: ["staff_user_id", "due_at"] },
          { name: "idx_followup_task_plan", columnNames: ["plan_id", "state"] },
          { name: "idx_followup_task_customer", columnNames: ["customer_id"] },
        ],
      }),
    );
    await q.createTable(new Table({ name: "followup_opt_out", columns: [{ ...idColumn("customer_id"), isPrimary: true }, timeColumn("at")] }));
    await q.createTable(
      new Table({
        name: "lead_contact",
        columns: [{ ...idColumn("customer_id"), isPrimary: true }, { ...textColumn("staff_user_id", "64"), isPrimary: true }, timeColumn("first_at"), textColumn("via", "16")],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["lead_contact", "followup_opt_out", "followup_task", "followup_plan"]) await q.dropTable(table);
  }
}
