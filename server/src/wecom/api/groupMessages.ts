import type { WecomCaller } from "./caller";
import type { Attachment, MessageContent } from "./content";

export interface GroupMessageTemplate extends MessageContent {
  chat_type?: "single";
  external_userid: string[];
  /** The member who sends it (confirms the task in WeCom). */
  sender?: string;
  allow_select?: boolean;
}

export interface GroupMessageSummary {
  msgid: string;
  creator: string;
  /** 0 created by the company, 1 by a member. */
  create_type: 0 | 1;
  create_time: number;
  text?: { content: string };
  attachments?: Attachment[];
}

/** 0 not sent yet, 1 sent, 2 not a friend, 3 the customer's monthly cap was reached. */
export type GroupSendStatus = 0 | 1 | 2 | 3;

export interface GroupSendResult {
  external_userid: string;
  chat_id?: string;
  userid: string;
  status: GroupSendStatus;
  send_time?: number;
}

/** Group-send tasks to customers: created here, confirmed by the member in WeCom, results read back. */
export class GroupMessagesApi {
  constructor(private readonly caller: WecomCaller) {}

  add(template: GroupMessageTemplate): Promise<{ msgid: string; fail_list?: string[] }> {
    return this.caller.post("contact", "/cgi-bin/externalcontact/add_msg_template", { chat_type: "single", ...template });
  }

  /** Finds tasks by creation time (seconds, at most a month apart): how a msgid is recovered after a crash. */
  list(query: {
    start_time: number;
    end_time: number;
    creator?: string;
    filter_type?: 0 | 1 | 2;
    limit?: number;
    cursor?: string;
  }): Promise<{ group_msg_list: GroupMessageSummary[]; next_cursor?: string }> {
    return this.caller.post("contact", "/cgi-bin/externalcontact/get_groupmsg_list_v2", { chat_type: "single", ...query });
  }

  sendResult(query: { msgid: string; userid: string; limit?: number; cursor?: string }): Promise<{ send_list: GroupSendResult[]; next_cursor?: string }> {
    return this.caller.post("contact", "/cgi-bin/externalcontact/get_groupmsg_send_result", query);
  }
}
