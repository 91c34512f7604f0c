import type { WecomCaller } from "./caller";

export type AppMessageBody =
  | { msgtype: "text"; text: { content: string } }
  | { msgtype: "textcard"; textcard: { title: string; description: string; url: string; btntxt?: string } }
  | {
      msgtype: "miniprogram_notice";
      miniprogram_notice: {
        appid: string;
        page?: string;
        title: string;
        description?: string;
        emphasis_first_item?: boolean;
        content_item?: { key: string; value: string }[];
      };
    };

export type AppMessage = AppMessageBody & {
  touser?: string[];
  toparty?: number[];
};

export interface AppMessageReceipt {
  msgid: string;
  invaliduser?: string;
  invalidparty?: string;
  invalidtag?: string;
  unlicenseduser?: string;
}

/** WeCom's default duplicate-check window; the maximum is 4 hours. */
const DUPLICATE_CHECK_S = 1800;

/** App messages to staff (tasks, alerts). A member gets at most 30 a minute: throttle alerts upstream. */
export class AppMessagesApi {
  constructor(
    private readonly caller: WecomCaller,
    private readonly agentId: number,
  ) {}

  /** Always with WeCom's duplicate check, so a retried send is not delivered twice. */
  send(message: AppMessage, options: { duplicateCheckIntervalS?: number } = {}): Promise<AppMessageReceipt> {
    const { touser, toparty, ...body } = message;
    return this.caller.post("app", "/cgi-bin/message/send", {
      ...body,
      ...(touser ? { touser: touser.join("|") } : {}),
      ...(toparty ? { toparty: toparty.join("|") } : {}),
      agentid: this.agentId,
      enable_duplicate_check: 1,
      duplicate_check_interval: options.duplicateCheckIntervalS ?? DUPLICATE_CHECK_S,
    });
  }
}
