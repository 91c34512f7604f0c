import { AppError } from "../http/errors";

/** Which input of a poster was refused, so a route can point at the field. */
export type PosterField =
  | "qrText"
  | "qrPng"
  | "size"
  | "margin"
  | "title"
  | "subtitle"
  | "footer"
  | "name"
  | "avatar"
  | "headline"
  | "caption"
  | "background";

/**
 * A poster cannot be drawn from what it was given: a QR text too long, an image that is not one.
 * It is an AppError (422), so a route that lets it through answers with this message.
 */
export class PosterInputError extends AppError {
  constructor(
    readonly field: PosterField,
    message: string,
  ) {
    super(422, "validation_failed", message, { field });
    this.name = "PosterInputError";
  }
}

/** A required line of text: present and not only spaces. */
export function requireText(field: PosterField, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") throw new PosterInputError(field, `${field} must be a non-empty text`);
  return value;
}
