import { In, type EntityManager } from "typeorm";
import { Customer } from "../../customers/customer.entity";
import { CustomerFollow } from "../../customers/follow.entity";
import type { ProfileFacts } from "./model";

const cameThroughChannel = (firstTouch: string | null): boolean => {
  if (!firstTouch) return false;
  try {
    return Boolean((JSON.parse(firstTouch) as { channelId?: string }).channelId);
  } catch {
    return false;
  }
};

/** The profile facts of these customers (missing ones are left out), in three reads whatever their number. */
export async function profilesOf(em: EntityManager, customerIds: string[]): Promise<Map<string, ProfileFacts>> {
  const ids = [...new Set(customerIds)];
  const facts = new Map<string, ProfileFacts>();
  if (ids.length === 0) return facts;
  const customers = await em.find(Customer, { where: { id: In(ids) }, select: { id: true, name: true, avatar: true, gender: true, phoneCipher: true, firstTouch: true } });
  const follows = await em.find(CustomerFollow, { where: { customerId: In(ids) }, select: { id: true, customerId: true, channelId: true, tags: true } });
  const tags = new Map<string, Set<string>>();
  const viaChannel = new Set<string>();
  for (const f of follows) {
    let set = tags.get(f.customerId);
    if (!set) tags.set(f.customerId, (set = new Set()));
    for (const t of f.tags) set.add(t);
    if (f.channelId) viaChannel.add(f.customerId);
  }
  for (const c of customers) {
    facts.set(c.id, {
      name: c.name,
      avatar: c.avatar,
      gender: c.gender,
      hasPhone: c.phoneCipher !== null,
      tags: tags.get(c.id)?.size ?? 0,
      fromChannel: viaChannel.has(c.id) || cameThroughChannel(c.firstTouch),
    });
  }
  return facts;
}
