import type { CorpState } from "../state";
import type { SecretKind, TokenIssuer } from "../tokens";
import type { JsonBody } from "../wire";

export interface ApiRequest {
  query: Record<string, string>;
  body: JsonBody;
  /** The raw body of a multipart upload. */
  upload?: { contentType: string; data: Buffer };
}

/** What an API handler may read and change. */
export interface SimContext {
  corpId: string;
  agentId: number;
  state: CorpState;
  tokens: TokenIssuer;
  /** The simulator's clock (epoch ms): real time unless a test injects one. */
  now(): number;
  /** App messages one member may receive a minute (WeCom: 30; the rest are dropped). */
  memberMessagesPerMinute: number;
  /** Where browsers reach the simulator, when it serves its own QR images. */
  publicUrl: string | undefined;
}

/** One WeCom API path: which secret's token it takes, how its body comes, and what it answers. */
export interface ApiRoute {
  method: "GET" | "POST";
  path: string;
  /** `null` only for `gettoken`, which takes the secret itself. */
  secret: SecretKind | null;
  body: "json" | "multipart" | "none";
  /** The answer's fields besides errcode/errmsg; a refusal is a thrown WecomFault. */
  handle(req: ApiRequest, sim: SimContext): Record<string, unknown>;
}

export const nowS = (sim: SimContext): number => Math.floor(sim.now() / 1000);
