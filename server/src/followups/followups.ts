import type { AppDeps } from "../deps";
import { FollowupPlans } from "./plans";

/** The follow-up domain's per-instance state: the plans (cached per trigger). The queue is built where it ticks. */
export class Followups {
  readonly plans: FollowupPlans;

  constructor(deps: Pick<AppDeps, "db" | "clock" | "config">) {
    this.plans = new FollowupPlans(deps);
  }
}
