import { createHash } from "node:crypto";
import { MATERIAL_ASSET_MAX_BYTES, MATERIAL_ASSET_TYPES, type MaterialAssetView } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { AppError } from "../http/errors";
import { sniffMediaType } from "../http/mediaTypes";
import { newId } from "../platform/ids";
import { PosterInputError } from "../posters";
import { decodePosterImage } from "../posters/images";
import { MaterialAsset } from "./material.entity";

export type MaterialAssetType = (typeof MATERIAL_ASSET_TYPES)[number];
type AssetDeps = Pick<AppDeps, "db" | "clock">;

const MAX_MB = MATERIAL_ASSET_MAX_BYTES / (1024 * 1024);

export const UnsupportedAssetType = (given: string) =>
  new AppError(415, "bad_request", `a material asset must be sent as ${MATERIAL_ASSET_TYPES.join(", ")}, not ${given || "no Content-Type"}`);
export const AssetTooLarge = () => new AppError(413, "payload_too_large", `a material asset is at most ${MAX_MB} MB`);
const AssetRefused = (message: string) => new AppError(422, "validation_failed", message, { field: "body" });

const NAMES: Record<MaterialAssetType, string> = { "image/png": "PNG image", "image/jpeg": "JPEG image", "application/pdf": "PDF" };

/** Images must decode (what customers and posters will draw); a PDF must at least end as one does. */
async function checkReadable(type: MaterialAssetType, bytes: Buffer): Promise<void> {
  if (type === "application/pdf") {
    // A truncated upload loses its trailer: `%%EOF` sits in the last bytes of every complete PDF.
    if (!bytes.subarray(-1024).toString("latin1").includes("%%EOF")) throw AssetRefused("the PDF is incomplete (no %%EOF trailer)");
    return;
  }
  try {
    await decodePosterImage("background", bytes);
  } catch (err) {
    if (!(err instanceof PosterInputError)) throw err;
    throw AssetRefused(err.message.replace(/^background/, `the ${NAMES[type]}`));
  }
}

export const presentAsset = (row: Pick<MaterialAsset, "id" | "contentType" | "size">): MaterialAssetView => ({ id: row.id, contentType: row.contentType, size: row.size });

/** Stores an upload once its bytes are known to be the declared type, whole. */
export async function storeAsset({ db, clock }: AssetDeps, declared: MaterialAssetType, bytes: Buffer, createdBy: string): Promise<MaterialAssetView> {
  if (bytes.length > MATERIAL_ASSET_MAX_BYTES) throw AssetTooLarge();
  if (bytes.length === 0) throw AssetRefused("the body is empty");
  const sniffed = sniffMediaType(bytes);
  if (sniffed !== declared) throw AssetRefused(`the body is ${sniffed ? `a ${NAMES[sniffed]}` : "not a PNG, JPEG or PDF"}, not the declared ${NAMES[declared]}`);
  await checkReadable(declared, bytes);
  const row: MaterialAsset = {
    id: newId(),
    contentType: declared,
    size: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    data: bytes,
    createdBy,
    createdAt: clock.now(),
  };
  await db.transaction((em) => em.insert(MaterialAsset, row));
  return presentAsset(row);
}

export function getAsset({ db }: Pick<AppDeps, "db">, id: string): Promise<MaterialAsset | null> {
  return db.manager.findOneBy(MaterialAsset, { id });
}

/** The stored types of the assets that exist among `ids` (the bytes are not read). */
export async function assetTypes({ db }: Pick<AppDeps, "db">, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.manager
    .createQueryBuilder(MaterialAsset, "a")
    .select(["a.id", "a.contentType"])
    .where("a.id IN (:...ids)", { ids: [...new Set(ids)] })
    .getMany();
  return new Map(rows.map((r) => [r.id, r.contentType]));
}

/** An asset's public address: share cards and posters point customers' phones at it. */
export const assetUrl = ({ config }: Pick<AppDeps, "config">, id: string): string => `${config.publicBaseUrl}/api/material-assets/${id}`;
