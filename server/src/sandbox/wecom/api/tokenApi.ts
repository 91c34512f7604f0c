import { GETTOKEN_PATH } from "../limits";
import type { ApiRoute } from "./route";

export const tokenApi: ApiRoute[] = [
  {
    method: "GET",
    path: GETTOKEN_PATH,
    secret: null,
    body: "none",
    handle: ({ query }, sim) => sim.tokens.issue(query.corpid, query.corpsecret),
  },
];
