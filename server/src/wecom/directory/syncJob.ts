import type { AppDeps } from "../../deps";
import { RetryingJob, type RetryDelays } from "../../platform/retryingJob";
import { syncDirectory } from "./sync";

/** The directory sync of this instance: at start and on the daily schedule, retried until it succeeds. */
export const directorySyncJob = (deps: AppDeps, retry?: RetryDelays): RetryingJob =>
  new RetryingJob(deps.logger, "staff directory sync", (signal) => syncDirectory(deps, signal), retry);
