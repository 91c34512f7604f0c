import type { CallQuery } from "../callLog";
import type { SecretKind } from "./tokens";

/** One raw call as the simulator received it, credentials masked, with the errcode it answered. */
export interface RecordedCall {
  seq: number;
  atMs: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** The secret the call presented (gettoken) or whose token it carried; never the secret itself. */
  secretKind?: SecretKind;
  errcode: number;
}

export type CallFilter = Pick<CallQuery<RecordedCall>, "path" | "errcode" | "secretKind" | "sinceSeq">;
