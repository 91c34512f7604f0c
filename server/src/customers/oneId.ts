import { mergeLeadScores } from "../materials/scoring/merge";
import { randomUUID } from "node:crypto";
import { In, type EntityManager } from "typeorm";
import type { Attribution } from "@scrm/shared";
import { isDuplicateKey, type Database } from "../db/database";
import { Customer, CustomerIdentity, CustomerMerge, type IdentityKind } from "./customer.entity";
import { CustomerFollow } from "./follow.entity";
import { TimelineEntry } from "./timeline.entity";
import { addTimeline } from "./timeline";

export interface IdentityRef {
  kind: IdentityKind;
  value: string;
}

export interface Profile {
  name?: string;
  avatar?: string;
  gender?: number;
}

export interface Joined {
  customerId: string;
  /** True when none of the identities was known: a new customer. */
  created: boolean;
  /** Records found to be the same person and merged into `customerId`. */
  merged: string[];
}

/**
 * Finds the one customer behind these identities, creating or merging records as needed (OneID).
 * Two records that turn out to be one person are merged into the older one; the newer keeps its
 * row (`mergedInto`) and every identity, follow and timeline entry moves, so no history is lost.
 */
export async function joinIdentities(em: EntityManager, ids: IdentityRef[], profile: Profile, now: Date, firstTouch?: Attribution): Promise<Joined> {
  const wanted = ids.filter((i) => i.value);
  const known = wanted.length
    ? await em.find(CustomerIdentity, { where: wanted.map((i) => ({ kind: i.kind, value: i.value })) })
    : [];
  const owners = known.length ? await em.find(Customer, { where: { id: In([...new Set(known.map((k) => k.customerId))]) }, order: { createdAt: "ASC" } }) : [];

  let customerId: string;
  let created = false;
  const merged: string[] = [];
  if (owners.length === 0) {
    customerId = randomUUID();
    created = true;
    await em.insert(Customer, {
      id: customerId,
      name: profile.name ?? "",
      avatar: profile.avatar ?? "",
      gender: profile.gender ?? 0,
      phoneCipher: null,
      consentedAt: null,
      firstTouch: firstTouch ? JSON.stringify(firstTouch) : null,
      mergedInto: null,
      createdAt: now,
    });
  } else {
    const [survivor, ...others] = owners;
    customerId = survivor.id;
    for (const other of others) {
      const reason = known.find((k) => k.customerId === other.id)?.kind ?? "identity";
      await mergeInto(em, other.id, customerId, reason, now);
      merged.push(other.id);
    }
    const changes = Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined && v !== ""));
    if (Object.keys(changes).length) await em.update(Customer, { id: customerId }, changes);
  }
  const missing = wanted.filter((i) => !known.some((k) => k.kind === i.kind && k.value === i.value));
  if (missing.length) {
    await em.insert(
      CustomerIdentity,
      missing.map((i) => ({ id: randomUUID(), customerId, kind: i.kind, value: i.value, createdAt: now })),
    );
  }
  return { customerId, created, merged };
}

async function mergeInto(em: EntityManager, from: string, into: string, reason: string, now: Date): Promise<void> {
  await em.update(CustomerIdentity, { customerId: from }, { customerId: into });
  await em.update(CustomerFollow, { customerId: from }, { customerId: into });
  await em.update(TimelineEntry, { customerId: from }, { customerId: into });
  await mergeLeadScores(em, from, into);
  await em.update(Customer, { id: from }, { mergedInto: into });
  await em.insert(CustomerMerge, { id: randomUUID(), fromCustomer: from, intoCustomer: into, reason, at: now });
  await addTimeline(em, into, "merged", now, { from, reason });
}

/**
 * Runs an identity-joining transaction, once more if another instance created the same identity
 * at the same moment (the unique key refused ours; the retry then finds theirs).
 */
export async function withIdentityRetry<T>(db: Database, work: (em: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(work);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return db.transaction(work);
  }
}

/** The customer an identity belongs to, following merges. */
export async function customerByIdentity(em: EntityManager, kind: IdentityKind, value: string): Promise<string | undefined> {
  const identity = await em.findOneBy(CustomerIdentity, { kind, value });
  return identity?.customerId;
}

/** A customer's id of one kind (e.g. their mini-program openid), if they have one. */
export async function identityOf(em: EntityManager, customerId: string, kind: IdentityKind): Promise<string | undefined> {
  const identity = await em.findOneBy(CustomerIdentity, { customerId, kind });
  return identity?.value;
}

/** The record a customer lives on now: itself, or the one it was merged into (following chains). */
export async function survivorOf(em: EntityManager, customerId: string): Promise<string> {
  let id = customerId;
  for (let hops = 0; hops < 20; hops++) {
    const row = await em.findOne(Customer, { where: { id }, select: { id: true, mergedInto: true } });
    if (!row?.mergedInto) return id;
    id = row.mergedInto;
  }
  return id;
}

/** A customer's record and every record merged into it (their history under older ids). */
export async function recordsOf(em: EntityManager, customerId: string): Promise<string[]> {
  const ids = [customerId];
  for (let i = 0; i < ids.length && ids.length < 100; i++) {
    const merged = await em.find(Customer, { where: { mergedInto: ids[i] }, select: { id: true } });
    ids.push(...merged.map((c) => c.id));
  }
  return ids;
}

/** Display names of customers, by id. */
export async function customerNames(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await em.find(Customer, { where: { id: In(ids) }, select: { id: true, name: true } });
  return new Map(rows.map((c) => [c.id, c.name]));
}
