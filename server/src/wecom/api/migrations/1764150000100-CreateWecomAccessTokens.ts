import { Table, type MigrationInterface, type QueryRunner } from "typeorm";

export class CreateWecomAccessTokens1764150000100 implements MigrationInterface {
  name = "CreateWecomAccessTokens1764150000100";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "wecom_access_tokens",
        columns: [
          { name: "kind", type: "varchar", length: "16", isPrimary: true },
          { name: "token", type: "varchar", length: "512", isNullable: true },
          { name: "secret_fingerprint", type: "varchar", length: "64", isNullable: true },
          { name: "expires_at", type: "bigint", isNullable: true },
          { name: "refresh_at", type: "bigint", isNullable: true },
          { name: "lease_owner", type: "varchar", length: "100", isNullable: true },
          { name: "lease_until", type: "bigint", isNullable: true },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("wecom_access_tokens");
  }
}
