import { z } from "zod";

/** What a campaign's poster background may be: the types phones save photos in, small enough to upload on 4G. */
export const POSTER_BACKGROUND_TYPES = ["image/png", "image/jpeg"] as const;
export const POSTER_BACKGROUND_MAX_BYTES = 2 * 1024 * 1024;

/**
 * `PUT /api/campaigns/:id/poster-background` (manager) takes the raw image as the body, with its
 * Content-Type; `GET` answers the image itself, `DELETE` goes back to the default gradient.
 */
export const PosterBackgroundView = z.object({
  campaignId: z.string(),
  contentType: z.enum(POSTER_BACKGROUND_TYPES),
  bytes: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type PosterBackgroundView = z.infer<typeof PosterBackgroundView>;
