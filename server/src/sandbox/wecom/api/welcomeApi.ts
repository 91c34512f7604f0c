import { ERR, WELCOME_CODE_INVALID, fault } from "../wire";
import { readMessageContent } from "./attachments";
import type { ApiRoute } from "./route";

/** A WelcomeCode works once, within this long of the add event (real time). */
export const WELCOME_CODE_TTL_MS = 20_000;

export const welcomeApi: ApiRoute[] = [
  {
    method: "POST",
    path: "/cgi-bin/externalcontact/send_welcome_msg",
    secret: "contact",
    body: "json",
    handle: ({ body }, sim) => {
      const code = body.requiredStr("welcome_code");
      // The content is checked first: a malformed message does not use up the code.
      const content = readMessageContent(sim, body);
      const grant = sim.state.welcomeCodes.get(code);
      const now = sim.now();
      if (grant?.usedAtMs !== undefined) throw fault(ERR.WELCOME_CODE_USED, "externaluser has started chatting");
      if (!grant) throw fault(WELCOME_CODE_INVALID, "invalid welcome_code");
      if (now - grant.issuedAtMs > WELCOME_CODE_TTL_MS) throw fault(WELCOME_CODE_INVALID, "welcome_code expired");
      grant.usedAtMs = now;
      sim.state.welcomes.push({
        welcome_code: code,
        userid: grant.userid,
        external_userid: grant.external_userid,
        ...content,
        receivedAtMs: now,
        codeAgeMs: now - grant.issuedAtMs,
      });
      return {};
    },
  },
];
