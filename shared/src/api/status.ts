import { z } from "zod";

/** `GET /api/status`: what the service is and what time it thinks it is (business clock). */
export const StatusResponse = z.object({
  name: z.string(),
  version: z.string(),
  sandbox: z.boolean(),
  timezone: z.string(),
  businessTime: z.iso.datetime(),
  workingTime: z.boolean(),
});
export type StatusResponse = z.infer<typeof StatusResponse>;
