import { ERR, fault } from "../wire";
import type { ApiRoute, SimContext } from "./route";

/** WeCom hands the customer over this long after the request unless they refuse. */
export const TAKEOVER_DELAY_MS = 24 * 3_600_000;
const MAX_CUSTOMERS = 100;
const MAX_SUCCESS_MSG = 200;

/** 1 taken over, 2 waiting, 3 the customer refused, 4 the takeover member is at their customer limit. */
export type TransferStatus = 1 | 2 | 3 | 4;

export interface CustomerTransfer {
  handover_userid: string;
  takeover_userid: string;
  external_userid: string;
  status: TransferStatus;
  /** Seconds: when it was (or will be) taken over. */
  takeover_time: number;
  transfer_success_msg?: string;
}

const keyOf = (t: Pick<CustomerTransfer, "handover_userid" | "takeover_userid" | "external_userid">) => `${t.handover_userid}|${t.takeover_userid}|${t.external_userid}`;

function activeMember(sim: SimContext, userid: string, name: string): void {
  if (sim.state.members.get(userid)?.status !== 1) throw fault(ERR.USERID_NOT_FOUND, `invalid ${name}`);
}

/** 在职继承: one member's customers handed to another (taken over 24 hours later), and the state of each. */
export const transferApi: ApiRoute[] = [
  {
    method: "POST",
    path: "/cgi-bin/externalcontact/transfer_customer",
    secret: "contact",
    body: "json",
    handle: ({ body }, sim) => {
      const handover = body.requiredStr("handover_userid");
      const takeover = body.requiredStr("takeover_userid");
      activeMember(sim, handover, "handover_userid");
      activeMember(sim, takeover, "takeover_userid");
      if (handover === takeover) throw fault(ERR.INVALID_PARAMETER, "handover_userid equals takeover_userid");
      const customers = body.strings("external_userid");
      if (customers.length === 0 || customers.length > MAX_CUSTOMERS) throw fault(ERR.INVALID_PARAMETER, `external_userid size must be 1..${MAX_CUSTOMERS}`);
      const message = body.str("transfer_success_msg");
      if (message !== undefined && [...message].length > MAX_SUCCESS_MSG) throw fault(ERR.INVALID_PARAMETER, "transfer_success_msg too long");
      const takeoverTime = Math.floor((sim.now() + TAKEOVER_DELAY_MS) / 1000);
      return {
        customer: customers.map((external_userid) => {
          const waiting = [...sim.state.transfers.values()].some((t) => t.external_userid === external_userid && t.handover_userid === handover && t.status === 2);
          if (!sim.state.relation(handover, external_userid) || waiting) return { external_userid, errcode: ERR.INVALID_EXTERNAL_USERID };
          const transfer: CustomerTransfer = { handover_userid: handover, takeover_userid: takeover, external_userid, status: 2, takeover_time: takeoverTime, ...(message ? { transfer_success_msg: message } : {}) };
          sim.state.transfers.set(keyOf(transfer), transfer);
          return { external_userid, errcode: 0 };
        }),
      };
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/externalcontact/transfer_result",
    secret: "contact",
    body: "json",
    handle: ({ body }, sim) => {
      const handover = body.requiredStr("handover_userid");
      const takeover = body.requiredStr("takeover_userid");
      const customer = [...sim.state.transfers.values()]
        .filter((t) => t.handover_userid === handover && t.takeover_userid === takeover)
        .map(({ external_userid, status, takeover_time }) => ({ external_userid, status, takeover_time }));
      return { customer, next_cursor: "" };
    },
  },
];
