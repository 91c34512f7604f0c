import type { MaterialInput, MaterialQuery, MaterialVersionSummary, MaterialView } from "@scrm/shared";
import { In, IsNull, type EntityManager } from "typeorm";
import type { z } from "zod";
import type { AppDeps } from "../deps";
import { Campaign } from "../channels/campaign.entity";
import { CouponStock } from "../coupons/stock.entity";
import { affectedRows, isDuplicateKey } from "../db/database";
import { NotFound, ValidationFailed } from "../http/errors";
import { newId } from "../platform/ids";
import { assetTypes } from "./assets";
import { Material, MaterialVersion } from "./material.entity";

type ParsedInput = z.output<typeof MaterialInput>;
type ParsedQuery = z.output<typeof MaterialQuery>;
type LibraryDeps = Pick<AppDeps, "db" | "clock" | "channels">;

/** Who reads the library: staff see enabled materials only, managers everything. */
export type LibraryReader = "staff" | "manager";

interface Problem {
  path: string;
  message: string;
}

export function presentMaterial(material: Material, version: MaterialVersion): MaterialView {
  return {
    id: material.id,
    version: version.version,
    versionId: version.id,
    kind: version.content.kind,
    title: version.title,
    summary: version.summary,
    coverAssetId: version.coverAssetId,
    content: version.content,
    scripts: version.scripts,
    callToAction: version.callToAction,
    category: material.category,
    tags: material.tags,
    campaignId: material.campaignId,
    enabled: material.enabled,
    updatedAt: material.updatedAt.toISOString(),
  };
}

/** Every asset the input points at, with where it sits and what it must be. */
function assetRefs(input: ParsedInput): { path: string; id: string; want: "image" | "pdf" }[] {
  const refs: { path: string; id: string; want: "image" | "pdf" }[] = [];
  if (input.coverAssetId) refs.push({ path: "coverAssetId", id: input.coverAssetId, want: "image" });
  const content = input.content;
  switch (content.kind) {
    case "article":
      content.blocks.forEach((b, i) => b.type === "image" && refs.push({ path: `content.blocks.${i}.assetId`, id: b.assetId, want: "image" }));
      break;
    case "poster":
      refs.push({ path: "content.imageAssetId", id: content.imageAssetId, want: "image" });
      break;
    case "product":
      content.imageAssetIds.forEach((id, i) => refs.push({ path: `content.imageAssetIds.${i}`, id, want: "image" }));
      break;
    case "file":
      refs.push({ path: "content.fileAssetId", id: content.fileAssetId, want: "pdf" });
      break;
    case "page":
      break;
  }
  return refs;
}

/** What the input points at that does not exist (or is not what it must be), by field. */
async function referenceProblems(deps: LibraryDeps, input: ParsedInput): Promise<Problem[]> {
  const { db } = deps;
  const problems: Problem[] = [];
  const refs = assetRefs(input);
  const types = await assetTypes(deps, refs.map((r) => r.id));
  for (const ref of refs) {
    const type = types.get(ref.id);
    if (!type) problems.push({ path: ref.path, message: "no such asset: upload it first (POST /api/material-assets)" });
    else if (ref.want === "image" && !type.startsWith("image/")) problems.push({ path: ref.path, message: `must be an image, not ${type}` });
    else if (ref.want === "pdf" && type !== "application/pdf") problems.push({ path: ref.path, message: `must be a PDF, not ${type}` });
  }
  if (input.campaignId && !(await db.manager.existsBy(Campaign, { id: input.campaignId, archivedAt: IsNull() }))) {
    problems.push({ path: "campaignId", message: "no such campaign, or it is archived" });
  }
  const cta = input.callToAction;
  if (cta?.kind === "claim_coupon") {
    const stock = await db.manager.findOne(CouponStock, { where: { id: cta.stockId }, select: { id: true, campaignId: true } });
    if (!stock) problems.push({ path: "callToAction.stockId", message: "no such coupon stock" });
    else if (input.campaignId && stock.campaignId !== input.campaignId) problems.push({ path: "callToAction.stockId", message: "the stock belongs to another campaign" });
  }
  if (cta?.kind === "add_staff") {
    const channel = await deps.channels.byState(cta.channelState);
    if (!channel) problems.push({ path: "callToAction.channelState", message: "no channel has this state" });
    else if (channel.archivedAt) problems.push({ path: "callToAction.channelState", message: "the channel has ended" });
  }
  return problems;
}

const versionOf = (materialId: string, version: number, input: ParsedInput, createdBy: string, at: Date): MaterialVersion => ({
  id: newId(),
  materialId,
  version,
  title: input.title,
  summary: input.summary,
  coverAssetId: input.coverAssetId ?? null,
  content: input.content,
  scripts: input.scripts,
  callToAction: input.callToAction ?? null,
  createdBy,
  createdAt: at,
});

/** The library's own fields, kept on the material row (not versioned). */
const libraryFields = (input: ParsedInput) => ({ title: input.title, category: input.category, tags: [...new Set(input.tags)], campaignId: input.campaignId ?? null, enabled: input.enabled });

export async function createMaterial(deps: LibraryDeps, input: ParsedInput, createdBy: string): Promise<MaterialView> {
  const problems = await referenceProblems(deps, input);
  if (problems.length > 0) throw ValidationFailed(problems);
  const at = deps.clock.now();
  const id = newId();
  const version = versionOf(id, 1, input, createdBy, at);
  const material: Material = {
    id,
    kind: input.content.kind,
    currentVersion: 1,
    currentVersionId: version.id,
    ...libraryFields(input),
    createdBy,
    createdAt: at,
    updatedAt: at,
  };
  await deps.db.transaction(async (em) => {
    await em.insert(Material, material);
    await em.insert(MaterialVersion, version);
  });
  return presentMaterial(material, version);
}

/** Another edit committed between our read and our write: read again and take the next number. */
class VersionTaken extends Error {}
const MAX_EDIT_ATTEMPTS = 8;

/**
 * An edit: a new version n+1 becomes current. The material row moves only from the version this
 * edit read (`WHERE current_version = n`), and (material, version) is unique, so two edits at once
 * never share a number: the loser reads again and becomes n+2.
 */
export async function updateMaterial(deps: LibraryDeps, id: string, input: ParsedInput, editedBy: string): Promise<MaterialView> {
  const existing = await deps.db.manager.findOneBy(Material, { id });
  if (!existing) throw NotFound("Material");
  if (existing.kind !== input.content.kind) {
    throw ValidationFailed([{ path: "content.kind", message: `this material is a ${existing.kind}; a different kind is a new material` }]);
  }
  const problems = await referenceProblems(deps, input);
  if (problems.length > 0) throw ValidationFailed(problems);
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.db.transaction((em) => writeNextVersion(em, deps, id, input, editedBy));
    } catch (err) {
      if (!(err instanceof VersionTaken || isDuplicateKey(err)) || attempt >= MAX_EDIT_ATTEMPTS) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
  }
}

async function writeNextVersion(em: EntityManager, deps: LibraryDeps, id: string, input: ParsedInput, editedBy: string): Promise<MaterialView> {
  const current = await em.findOneBy(Material, { id });
  if (!current) throw NotFound("Material");
  const at = deps.clock.now();
  const version = versionOf(id, current.currentVersion + 1, input, editedBy, at);
  const fields = libraryFields(input);
  const moved = await affectedRows(
    em,
    "UPDATE material SET current_version = ?, current_version_id = ?, title = ?, category = ?, tags = ?, campaign_id = ?, enabled = ?, updated_at = ? WHERE id = ? AND current_version = ?",
    [version.version, version.id, fields.title, fields.category, JSON.stringify(fields.tags), fields.campaignId, fields.enabled ? 1 : 0, at.getTime(), id, current.currentVersion],
  );
  if (moved !== 1) throw new VersionTaken();
  await em.insert(MaterialVersion, version);
  return presentMaterial({ ...current, ...fields, currentVersion: version.version, currentVersionId: version.id, updatedAt: at }, version);
}

/** `%`, `_` and the escape itself are literal in a search (ESCAPE '!' reads the same on SQLite and MySQL). */
const likeLiteral = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);

/** The library, newest edit first: staff see enabled materials only. */
export async function listMaterials({ db }: LibraryDeps, query: ParsedQuery, reader: LibraryReader): Promise<MaterialView[]> {
  const qb = db.manager.createQueryBuilder(Material, "m");
  if (reader === "staff") qb.andWhere("m.enabled = :enabled", { enabled: true });
  if (query.category) qb.andWhere("m.category = :category", { category: query.category });
  if (query.kind) qb.andWhere("m.kind = :kind", { kind: query.kind });
  if (query.campaignId) qb.andWhere("m.campaignId = :campaignId", { campaignId: query.campaignId });
  // Tags are stored as a JSON array: a whole tag is its JSON string, quotes included.
  if (query.tag) qb.andWhere("m.tags LIKE :tag ESCAPE '!'", { tag: `%${likeLiteral(JSON.stringify(query.tag))}%` });
  if (query.q) {
    // Inside the tags' JSON a quote or backslash is escaped: search for it as it is written there.
    const inTags = JSON.stringify(query.q).slice(1, -1);
    qb.andWhere("(m.title LIKE :q ESCAPE '!' OR m.tags LIKE :qTags ESCAPE '!')", { q: `%${likeLiteral(query.q)}%`, qTags: `%${likeLiteral(inTags)}%` });
  }
  const materials = await qb.orderBy("m.updatedAt", "DESC").addOrderBy("m.id", "ASC").take(query.limit).getMany();
  const versions = await currentVersions(db.manager, materials);
  return materials.map((m) => presentMaterial(m, versions.get(m.currentVersionId)!));
}

async function currentVersions(em: EntityManager, materials: Material[]): Promise<Map<string, MaterialVersion>> {
  if (materials.length === 0) return new Map();
  const rows = await em.findBy(MaterialVersion, { id: In(materials.map((m) => m.currentVersionId)) });
  return new Map(rows.map((v) => [v.id, v]));
}

/** A material the reader may see (staff: enabled only; a disabled one is as good as absent). */
export async function findMaterial({ db }: Pick<AppDeps, "db">, id: string, reader: LibraryReader): Promise<Material> {
  const material = await db.manager.findOneBy(Material, { id });
  if (!material || (reader === "staff" && !material.enabled)) throw NotFound("Material");
  return material;
}

export async function getMaterial(deps: LibraryDeps, id: string, reader: LibraryReader): Promise<MaterialView> {
  const material = await findMaterial(deps, id, reader);
  const version = await deps.db.manager.findOneByOrFail(MaterialVersion, { id: material.currentVersionId });
  return presentMaterial(material, version);
}

/** Every version, newest first. */
export async function materialVersions(deps: LibraryDeps, id: string, reader: LibraryReader): Promise<MaterialVersionSummary[]> {
  await findMaterial(deps, id, reader);
  const versions = await deps.db.manager.find(MaterialVersion, {
    where: { materialId: id },
    select: { id: true, version: true, title: true, createdBy: true, createdAt: true },
    order: { version: "DESC" },
  });
  return versions.map((v) => ({ version: v.version, versionId: v.id, title: v.title, createdBy: v.createdBy, createdAt: v.createdAt.toISOString() }));
}
