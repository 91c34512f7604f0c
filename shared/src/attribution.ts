import { z } from "zod";

/**
 * Where a customer action came from. Every landing link and QR carries one; it is stored with the
 * customer's first touch and with each later claim, view and redemption.
 */
export const Attribution = z.object({
  campaignId: z.string().max(36).optional(),
  channelId: z.string().max(36).optional(),
  /** The WeCom userid of the staff member the customer met or whose share they opened. */
  staffUserId: z.string().max(64).optional(),
  shareToken: z.string().max(64).optional(),
  referralCode: z.string().max(32).optional(),
});
export type Attribution = z.infer<typeof Attribution>;
