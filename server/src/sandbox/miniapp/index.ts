export { createMiniappSimulator, MiniappSimulator, type MiniappSimulatorOptions, type MiniappUserView } from "./simulator";
export { startMiniappSimulator, type RunningMiniappSimulator, type StartMiniappSimulatorOptions } from "./standalone";
export { MINIAPP_SIMULATOR_PREFIX } from "./routes";
export { LOGIN_CODE_TTL_MS, type IssuedLoginCode } from "./users";
export { TEMPLATES_PER_REQUEST, type DeliveredSubscribeMessage, type SubscriptionGrants, type SubscribeChoice } from "./subscriptions";
export { MAIN_PAGE, h5PageUrl, type DrawnWxaCode } from "./wxaCode";
export { miniappSimulatorFromConfig } from "./fromConfig";
export { ERR } from "./wire";
export type { RecordedCall, CallFilter } from "../wecom/callLog";
