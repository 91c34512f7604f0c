import type { WecomCaller } from "./caller";
import type { MessageContent } from "./content";

export interface ExternalContact {
  external_userid: string;
  name: string;
  avatar: string;
  /** 1 a WeChat user, 2 a WeCom user. */
  type: 1 | 2;
  gender: 0 | 1 | 2;
  /** Only when the corp is bound to the same WeChat open platform as the mini-program. */
  unionid?: string;
  position?: string;
  corp_name?: string;
}

export interface FollowUser {
  userid: string;
  remark: string;
  description: string;
  /** Seconds. */
  createtime: number;
  tags?: { group_name: string; tag_name: string; tag_id?: string; type: number }[];
  remark_mobiles?: string[];
  add_way: number;
  oper_userid: string;
  /** The channel state of the contact way the customer came through. */
  state?: string;
}

export interface ExternalContactDetail {
  external_contact: ExternalContact;
  follow_user: FollowUser[];
  next_cursor?: string;
}

/** Either the customer's id, or (not a customer yet) a pending id that becomes one later. */
export interface UnionidConversion {
  external_userid?: string;
  pending_id?: string;
}

export interface WelcomeMessage extends MessageContent {
  /** From the `add_external_contact` event: usable once, within 20 seconds. */
  welcome_code: string;
}

/** A customer (external contact): details, unionid conversion, and the welcome message. */
export class CustomersApi {
  constructor(private readonly caller: WecomCaller) {}

  get(externalUserId: string, cursor?: string): Promise<ExternalContactDetail> {
    return this.caller.get("contact", "/cgi-bin/externalcontact/get", { external_userid: externalUserId, ...(cursor ? { cursor } : {}) });
  }

  /** The self-built app's conversion of a mini-program user (unionid + openid) to the corp's customer id. */
  unionidToExternalUserid(input: { unionid: string; openid: string; subject_type?: 0 | 1 }): Promise<UnionidConversion> {
    return this.caller.post("contact", "/cgi-bin/externalcontact/unionid_to_external_userid", input);
  }

  /**
   * 在职继承: hands customers of one member to another. Each customer's errcode 0 means WeCom takes
   * them over 24 hours later unless they refuse (then `add_external_contact` for the new member and
   * `del_external_contact` with Source `DELETE_BY_TRANSFER` for the old one).
   */
  transfer(input: { handover_userid: string; takeover_userid: string; external_userid: string[]; transfer_success_msg?: string }): Promise<{ customer: { external_userid: string; errcode: number }[] }> {
    return this.caller.post("contact", "/cgi-bin/externalcontact/transfer_customer", input);
  }

  /** Each handed-over customer's state: 1 taken over, 2 waiting, 3 refused, 4 the new member is at their limit. */
  transferResult(input: { handover_userid: string; takeover_userid: string; cursor?: string }): Promise<{ customer: { external_userid: string; status: 1 | 2 | 3 | 4; takeover_time: number }[]; next_cursor?: string }> {
    return this.caller.post("contact", "/cgi-bin/externalcontact/transfer_result", input);
  }

  /**
   * Never retried by the caller on refusal: 41051 means the code was already used, any other
   * refusal of the code is final too (PROTOCOLS.md).
   */
  async sendWelcomeMsg(message: WelcomeMessage): Promise<void> {
    await this.caller.post("contact", "/cgi-bin/externalcontact/send_welcome_msg", message);
  }
}
