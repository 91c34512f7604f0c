import type { AppDeps } from "../deps";
import { UpstreamError } from "../http/errors";
import { renderSharePoster } from "../posters";
import { findStaff } from "../wecom/directory/staffRecords";
import { getAsset } from "./assets";
import { MaterialVersion } from "./material.entity";
import { findShare, MATERIAL_PAGE, pictureOf } from "./shares";

type PosterDeps = Pick<AppDeps, "db" | "miniapp">;

/**
 * A share's poster: the material's picture behind, the title as headline, the summary as caption,
 * the staff member's name, and a mini-program code whose scene is the share token (so a scan is
 * attributed exactly as an opened card is).
 */
export async function renderMaterialPoster(deps: PosterDeps, token: string): Promise<Buffer> {
  const { db, miniapp } = deps;
  const share = await findShare(deps, token);
  const version = await db.manager.findOneByOrFail(MaterialVersion, { id: share.versionId });
  const picture = pictureOf(version);
  const [background, staff, qrPng] = await Promise.all([
    picture ? getAsset(deps, picture) : null,
    findStaff(db, share.staffUserId),
    miniapp.wxaCodeUnlimited({ scene: share.token, page: MATERIAL_PAGE, checkPath: false }).catch((err: Error) => {
      throw UpstreamError(`the mini-program platform did not draw the code: ${err.message}`);
    }),
  ]);
  return renderSharePoster({
    qrPng,
    background: background?.data,
    name: staff?.name ?? share.staffUserId,
    headline: version.title,
    caption: version.summary || undefined,
  });
}
