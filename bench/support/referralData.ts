import type mysql from "mysql2/promise";
import { periodsOf } from "@scrm/server/dist/referrals/scores";
import { log } from "./processes";

/**
 * A campaign's referral history written in bulk, straight into the tables (not timed): staff over
 * departments, customers, one referral code each, the referrals, and the leaderboard scores and
 * histograms derived from them the way the server keeps them (periods in the business time zone).
 * Every row is a function of its number, so the benchmark can name any referrer without reading.
 */
export interface ReferralHistory {
  campaignId: string;
  staff: number;
  customers: number;
  referrals: number;
  days: number;
  departments: number;
  timezone: string;
  /** Set-up time (ms): history ends just before it. */
  now: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Share (%) of referrals a staff member made; the rest are customers'. */
const STAFF_SHARE = 40;
/** Customers 0 … CHAINED-1 were themselves invited (by staff, or by a customer ≥ CHAINED), so their invitees are depth 2. */
const CHAINED_SHARE = 0.5;

const pad = (n: number | string, width: number, sql = false) => (sql ? `LPAD(${n}, ${width}, '0')` : String(n).padStart(width, "0"));
export const staffIdOf = (i: number) => `bs${pad(i, 4)}`;
export const customerIdOf = (i: number) => `bc000000-0000-4000-8000-${pad(i, 12)}`;
export const staffCodeOf = (i: number) => `rs${pad(i, 7)}`;
export const customerCodeOf = (i: number) => `rc${pad(i, 7)}`;
/** Departments are 2 … departments+1 (1 is the corp's root). */
export const departmentOf = (staffIndex: number, departments: number) => 2 + (staffIndex % departments);

/** The same ids in SQL, of a column or expression. */
const sql = {
  staffId: (e: string) => `CONCAT('bs', ${pad(e, 4, true)})`,
  customerId: (e: string) => `CONCAT('bc000000-0000-4000-8000-', ${pad(e, 12, true)})`,
  inviteeId: (e: string) => `CONCAT('bi000000-0000-4000-8000-', ${pad(e, 12, true)})`,
  referralId: (e: string) => `CONCAT('b0000000-0000-4000-8000-', ${pad(e, 12, true)})`,
  staffCode: (e: string) => `CONCAT('rs', ${pad(e, 7, true)})`,
  customerCode: (e: string) => `CONCAT('rc', ${pad(e, 7, true)})`,
};

export async function loadReferralHistory(db: mysql.Connection, h: ReferralHistory): Promise<void> {
  const step = async (label: string, work: () => Promise<unknown>) => {
    const t0 = performance.now();
    await work();
    log(`  ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  await db.query("SET SESSION unique_checks = 0, foreign_key_checks = 0, tmp_table_size = 4294967296, max_heap_table_size = 4294967296");
  await db.query("SET @campaign = ?, @t0 = ?, @span = ?, @total = ?", [h.campaignId, h.now, h.days * DAY_MS, h.referrals]);

  await step("numbers", async () => {
    const size = Math.max(h.referrals, h.customers);
    await db.query("CREATE TABLE bench_seq (n INT PRIMARY KEY) ENGINE=InnoDB");
    await db.query("CREATE TEMPORARY TABLE bench_digit (d INT)");
    await db.query("INSERT INTO bench_digit VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
    const digits = Math.ceil(Math.log10(size));
    // A temporary table cannot be named twice in one query: a copy per digit.
    for (let i = 1; i < digits; i++) await db.query(`CREATE TEMPORARY TABLE bench_digit${i} AS SELECT d FROM bench_digit`);
    const tables = Array.from({ length: digits }, (_, i) => (i === 0 ? "bench_digit d0" : `bench_digit${i} d${i}`));
    const n = Array.from({ length: digits }, (_, i) => `d${i}.d * ${10 ** i}`).join(" + ");
    await db.query(`INSERT INTO bench_seq SELECT ${n} AS n FROM ${tables.join(", ")} HAVING n < ${size}`);
  });

  await step(`${h.departments} departments, ${h.staff} staff, ${h.customers} customers, their referral codes`, async () => {
    const departments = [[1, "总部", 0], ...Array.from({ length: h.departments }, (_, i) => [2 + i, `销售${i + 1}部`, 1])].map(([id, name, parent]) => [id, name, parent, id, h.now]);
    await db.query("INSERT INTO departments (id, name, parent_id, sort_order, synced_at) VALUES ?", [departments]);
    const dept = `2 + n % ${h.departments}`;
    await db.query(
      `INSERT INTO staff (userid, name, department_ids, main_department, position, status, role, applied_change_at, synced_at)
       SELECT ${sql.staffId("n")}, CONCAT('顾问', n), CONCAT('[', ${dept}, ']'), ${dept}, '顾问', 'active', 'staff', @t0, @t0 FROM bench_seq WHERE n < ?`,
      [h.staff],
    );
    await db.query(
      `INSERT INTO customers (id, name, avatar, gender, phone_cipher, consented_at, first_touch, merged_into, created_at)
       SELECT ${sql.customerId("n")}, CONCAT('客户', n), '', 0, NULL, NULL, NULL, NULL, @t0 - @span - ${DAY_MS} FROM bench_seq WHERE n < ?`,
      [h.customers],
    );
    await db.query(`INSERT INTO referral_code (code, campaign_id, referrer_kind, referrer_id, created_at) SELECT ${sql.staffCode("n")}, @campaign, 'staff', ${sql.staffId("n")}, @t0 - @span FROM bench_seq WHERE n < ?`, [h.staff]);
    await db.query(
      `INSERT INTO referral_code (code, campaign_id, referrer_kind, referrer_id, created_at) SELECT ${sql.customerCode("n")}, @campaign, 'customer', ${sql.customerId("n")}, @t0 - @span FROM bench_seq WHERE n < ?`,
      [h.customers],
    );
  });

  const chained = Math.floor(h.customers * CHAINED_SHARE);
  await step(`${h.referrals} referrals`, async () => {
    // Referral n: recorded in order over the last `days` days; its referrer a staff member (skewed:
    // a few bring in many) or a customer; invitees 0 … chained-1 are customers who refer in turn
    // (later: their own referral is number = their index, within the first days). ~80% qualify
    // after adding staff and 7 days, ~10% are revoked, ~10% never add staff and stay pending.
    const pick = `
      SELECT n,
        CRC32(CONCAT('k', n)) % 100 < ${STAFF_SHARE} AS by_staff,
        CASE WHEN CRC32(CONCAT('k', n)) % 100 < ${STAFF_SHARE} THEN FLOOR(${h.staff} * POW((CRC32(CONCAT('s', n)) % 1000000) / 1000000, 2))
             WHEN n < ${chained} THEN ${chained} + CRC32(CONCAT('c', n)) % ${h.customers - chained}
             ELSE CRC32(CONCAT('c', n)) % ${h.customers} END AS who,
        CRC32(CONCAT('h', n)) % 100 AS fate,
        @t0 - @span + FLOOR(n * (@span - 60000) / @total) AS rec
      FROM bench_seq WHERE n >= ? AND n < ?`;
    const qualifyAt = `rec + ${HOUR_MS} + ${7 * DAY_MS}`;
    const chunk = 100_000;
    for (let from = 0; from < h.referrals; from += chunk) {
      await db.beginTransaction();
      await db.query(
        `INSERT INTO referral (id, campaign_id, code, referrer_kind, referrer_id, invitee_id, parent_id, depth, state, recorded_at, added_at, qualify_at, settled_at, ip, device, flags)
         SELECT ${sql.referralId("n")}, @campaign,
           IF(by_staff, ${sql.staffCode("who")}, ${sql.customerCode("who")}),
           IF(by_staff, 'staff', 'customer'),
           IF(by_staff, ${sql.staffId("who")}, ${sql.customerId("who")}),
           IF(n < ${chained}, ${sql.customerId("n")}, ${sql.inviteeId("n")}),
           IF(NOT by_staff AND who < ${chained}, ${sql.referralId("who")}, NULL),
           IF(NOT by_staff AND who < ${chained}, 2, 1),
           CASE WHEN fate >= 90 THEN 'pending' WHEN fate >= 80 THEN 'revoked' WHEN ${qualifyAt} <= @t0 THEN 'qualified' ELSE 'pending' END,
           rec,
           IF(fate >= 90, NULL, rec + ${HOUR_MS}),
           IF(fate >= 90, NULL, ${qualifyAt}),
           CASE WHEN fate >= 90 THEN NULL WHEN fate >= 80 THEN LEAST(rec + ${HOUR_MS} + ${2 * DAY_MS}, @t0 - 1000) WHEN ${qualifyAt} <= @t0 THEN ${qualifyAt} ELSE NULL END,
           CONCAT('10.', n DIV 65536 % 256, '.', n DIV 256 % 256, '.', n % 256),
           CONCAT('bench-device-', n),
           NULL
         FROM (${pick}) picked`,
        [from, Math.min(from + chunk, h.referrals)],
      );
      await db.commit();
    }
  });

  await step("period keys", async () => {
    // Every hour of the history (whole-hour zone offsets): its day, ISO week and month in the business time zone.
    await db.query("CREATE TABLE bench_hour_period (h INT NOT NULL, period VARCHAR(16) NOT NULL, PRIMARY KEY (h, period)) ENGINE=InnoDB");
    const first = Math.floor((h.now - (h.days + 2) * DAY_MS) / HOUR_MS);
    const last = Math.floor((h.now + 2 * DAY_MS) / HOUR_MS);
    const rows: [number, string][] = [];
    for (let hour = first; hour <= last; hour++) {
      const p = periodsOf(new Date(hour * HOUR_MS + HOUR_MS / 2), h.timezone);
      rows.push([hour, p.all], [hour, p.day], [hour, p.week], [hour, p.month]);
    }
    await db.query("INSERT INTO bench_hour_period (h, period) VALUES ?", [rows]);
  });

  // Scores as the server keeps them: `qualified` by when the referral qualified, `new` by when it
  // was recorded (pending or qualified: revoked and voided ones no longer count), `revoked` by when
  // the invitee left.
  const metrics = [
    { metric: "qualified", at: "settled_at", states: "'qualified'" },
    { metric: "new", at: "recorded_at", states: "'pending', 'qualified'" },
    { metric: "revoked", at: "settled_at", states: "'revoked'" },
  ];
  for (const m of metrics) {
    await step(`scores: ${m.metric}`, async () => {
      await db.beginTransaction();
      await db.query(
        `INSERT INTO referral_score (campaign_id, board, metric, period, member_id, department_id, score)
         SELECT r.campaign_id, r.referrer_kind, '${m.metric}', p.period, r.referrer_id, COALESCE(MAX(s.main_department), 0), COUNT(*)
         FROM referral r
         JOIN bench_hour_period p ON p.h = r.${m.at} DIV ${HOUR_MS}
         LEFT JOIN staff s ON r.referrer_kind = 'staff' AND s.userid = r.referrer_id
         WHERE r.campaign_id = @campaign AND r.state IN (${m.states})
         GROUP BY r.campaign_id, r.referrer_kind, p.period, r.referrer_id`,
      );
      await db.commit();
    });
  }
  await step("score histograms", async () => {
    await db.beginTransaction();
    await db.query(
      `INSERT INTO referral_score_histogram (campaign_id, board, metric, period, department_id, score, shard, members)
       SELECT campaign_id, board, metric, period, -1, score, 0, COUNT(*) FROM referral_score WHERE score > 0 GROUP BY campaign_id, board, metric, period, score`,
    );
    await db.query(
      `INSERT INTO referral_score_histogram (campaign_id, board, metric, period, department_id, score, shard, members)
       SELECT campaign_id, board, metric, period, department_id, score, 0, COUNT(*) FROM referral_score
       WHERE board = 'staff' AND department_id > 0 AND score > 0 GROUP BY campaign_id, board, metric, period, department_id, score`,
    );
    await db.commit();
  });
  await db.query("DROP TABLE bench_hour_period");
  await db.query("DROP TABLE bench_seq");
  await step("ANALYZE", () => db.query("ANALYZE TABLE referral, referral_code, referral_score, referral_score_histogram, customers, staff"));
}

/** Problems found comparing scores and histograms with the referrals they come from (empty: consistent). */
export async function checkReferralHistory(db: mysql.Connection, campaignId: string): Promise<string[]> {
  const one = async (query: string) => Number(((await db.query(query, [campaignId]))[0] as { n: number | string | null }[])[0].n ?? 0);
  const problems: string[] = [];
  const expect = (label: string, got: number, want: number) => {
    log(`  ${label}: ${got}${got === want ? "" : ` ≠ ${want}`}`);
    if (got !== want) problems.push(`${label}: ${got}, expected ${want}`);
  };
  const counts = {
    qualified: await one("SELECT COUNT(*) AS n FROM referral WHERE campaign_id = ? AND state = 'qualified'"),
    new: await one("SELECT COUNT(*) AS n FROM referral WHERE campaign_id = ? AND state IN ('pending', 'qualified')"),
    revoked: await one("SELECT COUNT(*) AS n FROM referral WHERE campaign_id = ? AND state = 'revoked'"),
  };
  for (const metric of ["qualified", "new", "revoked"] as const) {
    expect(`${metric}: sum of all-time scores vs referrals`, await one(`SELECT SUM(score) AS n FROM referral_score WHERE campaign_id = ? AND metric = '${metric}' AND period = 'all'`), counts[metric]);
    for (const kind of ["d:", "m:"]) {
      expect(
        `${metric}: sum of ${kind} scores vs referrals`,
        await one(`SELECT SUM(score) AS n FROM referral_score WHERE campaign_id = ? AND metric = '${metric}' AND period LIKE '${kind}%'`),
        counts[metric],
      );
    }
    for (const board of ["staff", "customer"]) {
      expect(
        `${metric}/${board}: all-time histogram members vs scored members`,
        await one(`SELECT SUM(members) AS n FROM referral_score_histogram WHERE campaign_id = ? AND board = '${board}' AND metric = '${metric}' AND period = 'all' AND department_id = -1`),
        await one(`SELECT COUNT(*) AS n FROM referral_score WHERE campaign_id = ? AND board = '${board}' AND metric = '${metric}' AND period = 'all' AND score > 0`),
      );
    }
    expect(
      `${metric}/staff: histogram members over departments vs all departments`,
      await one(`SELECT SUM(members) AS n FROM referral_score_histogram WHERE campaign_id = ? AND board = 'staff' AND metric = '${metric}' AND department_id > 0`),
      await one(`SELECT SUM(members) AS n FROM referral_score_histogram WHERE campaign_id = ? AND board = 'staff' AND metric = '${metric}' AND department_id = -1`),
    );
  }
  return problems;
}
