import type Router from "@koa/router";
import type { AppDeps } from "../deps";
import { libraryRoutes } from "./libraryRoutes";
import { shareRoutes } from "./shareRoutes";
import { trackingRoutes } from "./trackingRoutes";
import { scoringRoutes } from "./scoring/routes";

/** The material library, tracked shares, what viewers do, and lead scores. */
export function materialRoutes(router: Router, deps: AppDeps): void {
  libraryRoutes(router, deps);
  shareRoutes(router, deps);
  trackingRoutes(router, deps);
  scoringRoutes(router, deps);
}
