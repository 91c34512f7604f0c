export { MiniappClient, type MiniappClientOptions, type MiniappSession, type WxaCodeRequest } from "./client";
export * from "./errors";
export { SCENE_MAX_LENGTH, sceneProblem, type SceneProblem } from "./scene";
