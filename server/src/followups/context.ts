import { In } from "typeorm";
import type { Database } from "../db/database";
import { CouponClaim } from "../coupons/claim.entity";
import { CouponStock } from "../coupons/stock.entity";
import { Customer } from "../customers/customer.entity";
import { CustomerFollow } from "../customers/follow.entity";
import { Staff } from "../wecom/directory/staff.entity";
import { groupByKey } from "../platform/groupBy";
import { FollowupOptOut, FollowupPlan, LeadContact } from "./plan.entity";
import type { FollowupTask } from "./task.entity";

const OPEN = new Set(["active", "pending"]);

/**
 * Everything the delivery of a batch of tasks looks at, read in a few queries for the whole batch
 * when the tasks are due (stop conditions are checked at delivery, not only at scheduling).
 */
export class DeliveryContext {
  private constructor(
    readonly plans: Map<string, FollowupPlan>,
    private readonly customers: Map<string, Customer>,
    private readonly follows: Map<string, CustomerFollow[]>,
    private readonly staff: Map<string, Staff>,
    private readonly claims: Map<string, CouponClaim>,
    private readonly stocks: Map<string, CouponStock>,
    private readonly redeemedAt: Map<string, Date[]>,
    private readonly optOuts: Set<string>,
    private readonly contacts: Set<string>,
    readonly managers: string[],
  ) {}

  static async load(db: Database, tasks: FollowupTask[]): Promise<DeliveryContext> {
    const em = db.manager;
    const customerIds = [...new Set(tasks.map((t) => t.customerId))];
    const claimIds = [...new Set(tasks.flatMap((t) => (t.claimId ? [t.claimId] : [])))];
    const [plans, customers, follows, claims, redeemed, optOuts, contacts] = await Promise.all([
      em.findBy(FollowupPlan, { id: In([...new Set(tasks.map((t) => t.planId))]) }),
      em.findBy(Customer, { id: In(customerIds) }),
      em.find(CustomerFollow, { where: { customerId: In(customerIds) }, order: { addedAt: "DESC" } }),
      claimIds.length > 0 ? em.findBy(CouponClaim, { id: In(claimIds) }) : [],
      em.find(CouponClaim, { where: { customerId: In(customerIds), state: "redeemed" }, select: { id: true, customerId: true, redeemedAt: true } }),
      em.findBy(FollowupOptOut, { customerId: In(customerIds) }),
      em.findBy(LeadContact, { customerId: In(customerIds) }),
    ]);
    // The staff named in the tasks and followed by the customers (for {staffName}), and the managers.
    const staffIds = [...new Set([...tasks.flatMap((t) => (t.staffUserId ? [t.staffUserId] : [])), ...follows.map((f) => f.staffUserId)])];
    const [staff, stocks] = await Promise.all([
      em.find(Staff, { where: [...(staffIds.length > 0 ? [{ userid: In(staffIds) }] : []), { role: "manager", status: "active" }], select: { userid: true, name: true, role: true, status: true } }),
      claims.length > 0 ? em.find(CouponStock, { where: { id: In([...new Set(claims.map((c) => c.stockId))]) }, select: { id: true, name: true } }) : [],
    ]);
    return new DeliveryContext(
      new Map(plans.map((p) => [p.id, p])),
      new Map(customers.map((c) => [c.id, c])),
      groupByKey(follows, (f) => f.customerId),
      new Map(staff.map((s) => [s.userid, s])),
      new Map(claims.map((c) => [c.id, c])),
      new Map(stocks.map((s) => [s.id, s])),
      new Map([...groupByKey(redeemed, (c) => c.customerId)].map(([id, rows]) => [id, rows.flatMap((r) => (r.redeemedAt ? [r.redeemedAt] : []))])),
      new Set(optOuts.map((o) => o.customerId)),
      new Set(contacts.map((c) => `${c.customerId}|${c.staffUserId}`)),
      staff.filter((s) => s.role === "manager" && s.status === "active").map((s) => s.userid),
    );
  }

  customerName(customerId: string): string {
    return this.customers.get(customerId)?.name || "客户";
  }

  staffName(userid: string | null): string {
    return (userid && this.staff.get(userid)?.name) || "顾问";
  }

  couponName(claimId: string | null): string {
    const claim = claimId ? this.claims.get(claimId) : undefined;
    return (claim && this.stocks.get(claim.stockId)?.name) || "优惠券";
  }

  /** The customer's open relation with this staff member, or with the staff member who added them last. */
  openFollow(customerId: string, staffUserId: string | null): CustomerFollow | undefined {
    return (this.follows.get(customerId) ?? []).find((f) => OPEN.has(f.status) && (staffUserId === null || f.staffUserId === staffUserId));
  }

  /** Whether the customer had a relation with the staff member (or anyone) and ended it. */
  deletedStaff(customerId: string, staffUserId: string | null): boolean {
    const relations = (this.follows.get(customerId) ?? []).filter((f) => staffUserId === null || f.staffUserId === staffUserId);
    return relations.length > 0 && !relations.some((f) => OPEN.has(f.status));
  }

  claimRedeemed(claimId: string | null): boolean {
    return claimId !== null && this.claims.get(claimId)?.state === "redeemed";
  }

  /** Whether the customer bought (redeemed any coupon) after `since`. */
  redeemedSince(customerId: string, since: Date): boolean {
    return (this.redeemedAt.get(customerId) ?? []).some((at) => at > since);
  }

  optedOut(customerId: string): boolean {
    return this.optOuts.has(customerId);
  }

  contacted(customerId: string, staffUserId: string | null): boolean {
    return staffUserId !== null && this.contacts.has(`${customerId}|${staffUserId}`);
  }
}
