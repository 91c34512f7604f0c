import request from "supertest";
import type { SessionResponse } from "@scrm/shared";
import type { RunningSimulator, StartSimulatorOptions } from "../../server/src/sandbox/wecom";
import { startTestApp, type TestApp } from "./app";
import { startTestSimulator, TEST_CORP } from "./wecomSimulator";

export interface AppWithWecom {
  app: TestApp;
  wecom: RunningSimulator;
  close(): Promise<void>;
}

/**
 * The WeCom simulator and our server wired to each other, as in a real deployment (SANDBOX=0):
 * our client calls the simulator with the test corp's secrets, and its callbacks reach our route.
 */
export async function startAppWithWecom(
  env: Record<string, string> = {},
  options: { schedule?: boolean; simulator?: Partial<StartSimulatorOptions> } = {},
): Promise<AppWithWecom> {
  const wecom = await startTestSimulator(options.simulator);
  const app = await startTestApp({
    SANDBOX: "0",
    WECOM_API_BASE: wecom.url,
    WECOM_CORP_ID: TEST_CORP.corpId,
    WECOM_AGENT_ID: String(TEST_CORP.agentId),
    WECOM_APP_SECRET: TEST_CORP.secrets.app,
    WECOM_CONTACT_SECRET: TEST_CORP.secrets.contact,
    WECOM_DIRECTORY_SECRET: TEST_CORP.secrets.directory,
    WECOM_CALLBACK_TOKEN: TEST_CORP.callbackToken,
    WECOM_CALLBACK_AES_KEY: TEST_CORP.encodingAesKey,
    ...env,
  }, { schedule: options.schedule });
  wecom.simulator.setCallbackUrl(`${app.url}/wecom/callback`);
  return {
    app,
    wecom,
    close: async () => {
      await app.close();
      await wecom.stop();
    },
  };
}

/** Signs a member in as the mini-program does: a `wx.qy.login` code from WeCom, then our login route. */
export async function signInWithWecom({ app, wecom }: AppWithWecom, userid: string): Promise<SessionResponse> {
  const res = await request(app.url).post("/api/auth/wecom/weapp").send({ code: wecom.simulator.issueLoginCode(userid) });
  if (res.status !== 201) throw new Error(`sign-in of ${userid}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as SessionResponse;
}

export const bearer = (session: SessionResponse) => ({ Authorization: `Bearer ${session.token}` });
