import { tokenApi } from "./tokenApi";
import { customersApi } from "./customersApi";
import { contactWaysApi } from "./contactWaysApi";
import { welcomeApi } from "./welcomeApi";
import { tagsApi } from "./tagsApi";
import { groupMessagesApi } from "./groupMessagesApi";
import { appMessagesApi } from "./appMessagesApi";
import { mediaApi } from "./mediaApi";
import { directoryApi } from "./directoryApi";
import { loginApi } from "./loginApi";
import { transferApi } from "./transferApi";
import type { ApiRoute } from "./route";

/** Every WeCom API path the simulator serves. */
export const apiRoutes: ApiRoute[] = [
  ...tokenApi,
  ...customersApi,
  ...contactWaysApi,
  ...welcomeApi,
  ...tagsApi,
  ...groupMessagesApi,
  ...appMessagesApi,
  ...mediaApi,
  ...directoryApi,
  ...loginApi,
  ...transferApi,
];
