import type { CustomerSummary, FollowEdit } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { Customer } from "./customer.entity";
import { CustomerFollow } from "./follow.entity";
import { presentFollow } from "./queries";
import { addTimeline } from "./timeline";

/**
 * A staff member's remark and tags for a customer. Tags go to WeCom first (mark_tag), so our copy
 * never shows a tag WeCom does not have.
 */
export async function editFollow(
  { db, wecom, clock }: Pick<AppDeps, "db" | "wecom" | "clock">,
  customerId: string,
  staffUserId: string,
  edit: FollowEdit,
): Promise<CustomerSummary | undefined> {
  const follow = await db.manager.findOneBy(CustomerFollow, { customerId, staffUserId });
  const customer = await db.manager.findOneBy(Customer, { id: customerId });
  if (!follow || !customer) return undefined;
  if (edit.tags) {
    const add = edit.tags.filter((t) => !follow.tags.includes(t));
    const remove = follow.tags.filter((t) => !edit.tags!.includes(t));
    if (add.length || remove.length) {
      await wecom.tags.mark({ userid: staffUserId, external_userid: follow.externalUserId, add_tag: add, remove_tag: remove });
    }
    follow.tags = edit.tags;
  }
  if (edit.remark !== undefined) follow.remark = edit.remark;
  await db.transaction(async (em) => {
    await em.update(CustomerFollow, { id: follow.id }, { tags: follow.tags, remark: follow.remark });
    await addTimeline(em, customerId, "follow_edited", clock.now(), { staffUserId, remark: follow.remark, tags: follow.tags });
  });
  return presentFollow(follow, customer);
}
