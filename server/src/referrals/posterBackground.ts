import { POSTER_BACKGROUND_MAX_BYTES, POSTER_BACKGROUND_TYPES, type PosterBackgroundView } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { Campaign } from "../channels/campaign.entity";
import { AppError, NotFound } from "../http/errors";
import { PosterInputError } from "../posters";
import { decodePosterImage } from "../posters/images";
import { PosterBackground } from "./posterBackground.entity";
import { sniffMediaType } from "../http/mediaTypes";

type PosterBackgroundType = (typeof POSTER_BACKGROUND_TYPES)[number];
type BackgroundDeps = Pick<AppDeps, "db">;

const MAX_MB = POSTER_BACKGROUND_MAX_BYTES / (1024 * 1024);

export const UnsupportedBackgroundType = (given: string) =>
  new AppError(415, "bad_request", `a poster background must be sent as ${POSTER_BACKGROUND_TYPES.join(" or ")}, not ${given || "no Content-Type"}`);
export const BackgroundTooLarge = () => new AppError(413, "payload_too_large", `a poster background is at most ${MAX_MB} MB`);

const present = (row: PosterBackground): PosterBackgroundView => ({
  campaignId: row.campaignId,
  contentType: row.contentType as PosterBackgroundType,
  bytes: row.image.length,
  updatedAt: row.updatedAt.toISOString(),
});

/** Stores the campaign's poster background once it is known to be the image it says it is. */
export async function setPosterBackground({ db }: BackgroundDeps, campaignId: string, declared: PosterBackgroundType, image: Buffer): Promise<PosterBackgroundView> {
  if (!(await db.manager.existsBy(Campaign, { id: campaignId }))) throw NotFound("Campaign");
  if (image.length > POSTER_BACKGROUND_MAX_BYTES) throw BackgroundTooLarge();
  if (sniffMediaType(image) !== declared) throw new PosterInputError("background", `the body is not a ${declared.slice("image/".length).toUpperCase()} image`);
  await decodePosterImage("background", image);
  const row: PosterBackground = { campaignId, contentType: declared, image, updatedAt: new Date() };
  await db.transaction((em) => em.upsert(PosterBackground, row, ["campaignId"]));
  return present(row);
}

export async function getPosterBackground({ db }: BackgroundDeps, campaignId: string): Promise<PosterBackground | null> {
  return db.manager.findOneBy(PosterBackground, { campaignId });
}

/** Back to the default gradient; false when there was nothing to remove. */
export async function deletePosterBackground({ db }: BackgroundDeps, campaignId: string): Promise<boolean> {
  const { affected } = await db.transaction((em) => em.delete(PosterBackground, { campaignId }));
  return (affected ?? 0) > 0;
}
