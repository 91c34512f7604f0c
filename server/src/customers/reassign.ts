import type { ReassignResponse } from "@scrm/shared";
import { In } from "typeorm";
import type { AppDeps } from "../deps";
import { Conflict, NotFound, ValidationFailed } from "../http/errors";
import { Staff } from "../wecom/directory/staff.entity";
import { CustomerFollow } from "./follow.entity";
import { addTimeline } from "./timeline";

interface Reassign {
  staffUserId: string;
  fromStaffUserId?: string;
  message?: string;
}

/** WeCom takes a handed-over customer over this long after the request. */
const TAKEOVER_MS = 24 * 3_600_000;

/**
 * A manager hands a customer to another staff member (a lead nobody answered, a staff member
 * overloaded) through WeCom's 在职继承. WeCom's answer is final for this request: a refusal is a
 * 409 with its code and nothing recorded. The takeover itself arrives later as contact events,
 * which start the new staff member's follow-ups and end the old relation.
 */
export async function reassignCustomer(deps: Pick<AppDeps, "db" | "wecom" | "clock">, customerId: string, input: Reassign, managerId: string): Promise<ReassignResponse> {
  const { db, wecom, clock } = deps;
  const follows = await db.manager.find(CustomerFollow, { where: { customerId, status: In(["active", "pending"]) }, order: { addedAt: "DESC" } });
  if (follows.length === 0) throw NotFound("Customer with a staff member");
  const from = input.fromStaffUserId ? follows.find((f) => f.staffUserId === input.fromStaffUserId) : follows[0];
  if (!from) throw ValidationFailed([{ path: "fromStaffUserId", message: "the customer is not this staff member's contact" }]);
  const to = await db.manager.findOneBy(Staff, { userid: input.staffUserId, status: "active" });
  if (!to) throw ValidationFailed([{ path: "staffUserId", message: "no active staff member with this userid" }]);
  if (follows.some((f) => f.staffUserId === to.userid)) throw ValidationFailed([{ path: "staffUserId", message: "the customer is already this staff member's contact" }]);
  const { customer } = await wecom.customers.transfer({
    handover_userid: from.staffUserId,
    takeover_userid: to.userid,
    external_userid: [from.externalUserId],
    ...(input.message ? { transfer_success_msg: input.message } : {}),
  });
  const errcode = customer.find((c) => c.external_userid === from.externalUserId)?.errcode;
  if (errcode !== 0) throw Conflict(`WeCom refused the handover (${errcode ?? "no answer for the customer"})`);
  const now = clock.now();
  await db.transaction((em) => addTimeline(em, customerId, "reassigning", now, { fromStaffUserId: from.staffUserId, staffUserId: to.userid, by: managerId }));
  return { fromStaffUserId: from.staffUserId, staffUserId: to.userid, takeoverAt: new Date(now.getTime() + TAKEOVER_MS).toISOString() };
}
