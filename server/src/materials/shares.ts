import type { SessionUser, ShareChannel, SharedMaterial, ShareRequest, ShareView } from "@scrm/shared";
import type { z } from "zod";
import type { AppDeps } from "../deps";
import { Channel } from "../channels/channel.entity";
import { isDuplicateKey } from "../db/database";
import { Conflict, NotFound, ValidationFailed } from "../http/errors";
import { newShortCode } from "../platform/shortCodes";
import { findStaff } from "../wecom/directory/staffRecords";
import { assetUrl } from "./assets";
import { presentMaterial } from "./library";
import { Material, MaterialVersion } from "./material.entity";
import { MaterialShare, type SharerKind } from "./share.entity";

/** The mini-program page a shared material opens; the share token is its `token` query, or the code's `scene`. */
export const MATERIAL_PAGE = "pages/material/index";

/** `m` and 11 characters: 12 in all, within the column (16) and a mini-program scene (32). */
const newShareToken = () => newShortCode("m", 11);

export const sharePathOf = (token: string): string => `${MATERIAL_PAGE}?token=${token}`;

type ShareDeps = Pick<AppDeps, "db" | "clock" | "config">;
type Origin = Pick<MaterialShare, "versionId" | "staffUserId" | "channel" | "channelId" | "parentToken" | "sharerId">;

/** The picture a share card and poster show: the cover, else the poster's image or the product's first. */
export function pictureOf(version: MaterialVersion): string | null {
  if (version.coverAssetId) return version.coverAssetId;
  if (version.content.kind === "poster") return version.content.imageAssetId;
  if (version.content.kind === "product") return version.content.imageAssetIds[0];
  return null;
}

/**
 * The share with this origin, made on first request and the same one ever after. Two requests at
 * once both try to insert; the unique key (uq_material_share_origin) lets one win and the other
 * reads the winner's row. A fresh token that happens to be taken is simply drawn again.
 */
async function shareWithOrigin({ db, clock }: ShareDeps, origin: Origin, rest: Pick<MaterialShare, "materialId" | "sharerKind" | "depth">): Promise<MaterialShare> {
  const existing = await db.manager.findOneBy(MaterialShare, origin);
  if (existing) return existing;
  for (let attempt = 0; attempt < 5; attempt++) {
    const row: MaterialShare = { token: newShareToken(), ...origin, ...rest, createdAt: clock.now() };
    try {
      await db.transaction((em) => em.insert(MaterialShare, row));
      return row;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const theirs = await db.manager.findOneBy(MaterialShare, origin);
      if (theirs) return theirs;
    }
  }
  throw new Error("no free share token after 5 attempts");
}

/** A staff member's tracked share of a material's current version on a channel (card or poster). */
export async function shareMaterial(deps: ShareDeps, materialId: string, staff: SessionUser, request: z.output<typeof ShareRequest>): Promise<ShareView> {
  const { db } = deps;
  const material = await db.manager.findOneBy(Material, { id: materialId });
  if (!material) throw NotFound("Material");
  if (!material.enabled) throw Conflict("This material is switched off and cannot be shared");
  const channelId = request.channelId ?? "";
  if (channelId && !(await db.manager.existsBy(Channel, { id: channelId }))) throw ValidationFailed([{ path: "channelId", message: "no such channel" }]);
  const version = await db.manager.findOneByOrFail(MaterialVersion, { id: material.currentVersionId });
  const share = await shareWithOrigin(
    deps,
    { versionId: version.id, staffUserId: staff.id, channel: request.channel, channelId, parentToken: "", sharerId: staff.id },
    { materialId, sharerKind: "staff", depth: 0 },
  );
  return presentShare(deps, share, version);
}

export function presentShare(deps: Pick<AppDeps, "config">, share: MaterialShare, version: MaterialVersion): ShareView {
  const picture = pictureOf(version);
  return {
    token: share.token,
    materialId: share.materialId,
    version: version.version,
    title: version.title,
    path: sharePathOf(share.token),
    coverUrl: picture ? assetUrl(deps, picture) : null,
    scripts: version.scripts,
  };
}

export async function findShare({ db }: Pick<AppDeps, "db">, token: string): Promise<MaterialShare> {
  const share = await db.manager.findOneBy(MaterialShare, { token });
  if (!share) throw NotFound("Share");
  return share;
}

/** What a token shows: the version shared then (later edits do not reach it), and who shared it. */
export async function sharedMaterial(deps: Pick<AppDeps, "db">, token: string): Promise<{ share: MaterialShare; version: MaterialVersion; view: SharedMaterial }> {
  const share = await findShare(deps, token);
  const [material, version, staff] = await Promise.all([
    deps.db.manager.findOneByOrFail(Material, { id: share.materialId }),
    deps.db.manager.findOneByOrFail(MaterialVersion, { id: share.versionId }),
    findStaff(deps.db, share.staffUserId),
  ]);
  // Scripts are what staff say when sharing, not for the viewer; the version's own time, not the material's.
  const view = { ...presentMaterial(material, version), scripts: [], updatedAt: version.createdAt.toISOString() };
  return { share, version, view: { token, material: view, staffName: staff?.name ?? share.staffUserId } };
}

/** Who forwards a share they are viewing: a logged-in customer, or a mini-program install not logged in yet. */
export interface Forwarder {
  kind: Exclude<SharerKind, "staff">;
  id: string;
}

/**
 * A viewer's forward of a share (WeChat tells no one about forwards: the page asks for this child
 * when the viewer taps share). The child keeps the staff member and version of its parent, one level
 * deeper; the same viewer forwarding the same share again gets the same child.
 */
export async function forwardShare(deps: ShareDeps, parentToken: string, sharer: Forwarder): Promise<MaterialShare> {
  const parent = await findShare(deps, parentToken);
  const channel: ShareChannel = "forward";
  return shareWithOrigin(
    deps,
    { versionId: parent.versionId, staffUserId: parent.staffUserId, channel, channelId: parent.channelId, parentToken: parent.token, sharerId: sharer.id },
    { materialId: parent.materialId, sharerKind: sharer.kind, depth: parent.depth + 1 },
  );
}
