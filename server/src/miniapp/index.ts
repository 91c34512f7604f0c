export { MiniappClient, SUBSCRIBE_SEND_PATH, type MiniappClientOptions, type MiniappSession, type WxaCodeRequest, type SubscribeMessage, type SubscribeSendOutcome } from "./client";
export * from "./errors";
export { SCENE_MAX_LENGTH, sceneProblem, type SceneProblem } from "./scene";
