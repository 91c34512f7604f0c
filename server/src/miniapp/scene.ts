/**
 * The rules of a mini-program code's `scene` (getwxacodeunlimit): at most 32 visible characters,
 * only digits, ASCII letters and `!#$&'()*+,/:;=?@-._~`. Shared by our client, which checks before
 * calling, and the sandbox simulator, which refuses like the platform (errcode 40169).
 */
export const SCENE_MAX_LENGTH = 32;
const SCENE_CHARACTERS = /^[0-9a-zA-Z!#$&'()*+,/:;=?@\-._~]*$/;

export type SceneProblem = "empty" | "too_long" | "bad_characters";

/** What is wrong with a scene, or `null` when the platform accepts it. */
export function sceneProblem(scene: unknown): SceneProblem | null {
  if (typeof scene !== "string" || scene === "") return "empty";
  if (!SCENE_CHARACTERS.test(scene)) return "bad_characters";
  if (scene.length > SCENE_MAX_LENGTH) return "too_long";
  return null;
}
