import { startSimulator, type RunningSimulator, type StartSimulatorOptions } from "@scrm/server/dist/sandbox/wecom/standalone";
import { DEMO } from "@scrm/server/dist/sandbox/wecom/demoCorp";
import { productionEnv } from "./processes";

/**
 * A production instance's settings wired to a WeCom simulator on `simPort` (its corp, secrets and
 * callback to the instance on `port`), and the running simulator: for benches where WeCom answers.
 * `limits` raise WeCom's quotas when the figure measured is to be our engine's, not WeCom's.
 */
export async function withWecomSimulator(
  port: number,
  simPort: number,
  databaseUrl: string,
  limits: Pick<StartSimulatorOptions, "perApiPerMinute" | "memberMessagesPerMinute"> = {},
): Promise<{ env: NodeJS.ProcessEnv; sim: RunningSimulator }> {
  const env: NodeJS.ProcessEnv = { ...(await productionEnv(port, databaseUrl, `http://127.0.0.1:${simPort}/sandbox`)), INITIAL_MANAGER_USERIDS: DEMO.manager };
  const sim = await startSimulator({
    port: simPort,
    corpId: env.WECOM_CORP_ID!,
    agentId: Number(env.WECOM_AGENT_ID),
    secrets: { app: env.WECOM_APP_SECRET!, contact: env.WECOM_CONTACT_SECRET!, directory: env.WECOM_DIRECTORY_SECRET! },
    callbackUrl: `http://127.0.0.1:${port}/wecom/callback`,
    callback: { token: env.WECOM_CALLBACK_TOKEN!, encodingAesKey: env.WECOM_CALLBACK_AES_KEY! },
    ...limits,
  });
  return { env, sim };
}
