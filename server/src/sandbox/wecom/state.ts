import { randomBytes } from "node:crypto";
import { demoCorp, type Customer, type Department, type FollowRelation, type Member, type TagGroup } from "./demoCorp";
import type { CustomerTransfer } from "./api/transferApi";
import { ERR, fault } from "./wire";

export interface ContactWay {
  config_id: string;
  type: 1 | 2;
  scene: 1 | 2;
  style?: number;
  remark: string;
  skip_verify: boolean;
  state: string;
  user: string[];
  party: number[];
  is_temp: boolean;
  /** Seconds a temporary way stays usable; WeCom defaults to 7 days. */
  expires_in?: number;
  chat_expires_in?: number;
  unionid?: string;
  conclusions?: unknown;
  /** Only scene 2 (a QR code) has one. */
  qr_code?: string;
  createdAtMs: number;
  /** A temporary way stops working once a customer has added through it. */
  used: boolean;
  /** Where type 2 ways send the next customer (WeCom's own choice is undocumented: we rotate). */
  nextUser: number;
}

export interface WelcomeCodeGrant {
  code: string;
  userid: string;
  external_userid: string;
  issuedAtMs: number;
  usedAtMs?: number;
}

/** A welcome message WeCom accepted, with when it arrived relative to its code. */
export interface WelcomeRecord {
  welcome_code: string;
  userid: string;
  external_userid: string;
  text?: { content: string };
  attachments: unknown[];
  receivedAtMs: number;
  codeAgeMs: number;
}

export interface GroupSend {
  external_userid: string;
  userid: string;
  /** 0 not sent yet, 1 sent, 2 not a friend (any more), 3 over the customer's monthly cap. */
  status: 0 | 1 | 2 | 3;
  send_time?: number;
}

export interface GroupMessageTask {
  msgid: string;
  creator: string;
  /** 0 created by the company (API), 1 by a member. */
  create_type: 0 | 1;
  create_time: number;
  text?: { content: string };
  attachments: unknown[];
  sends: GroupSend[];
}

/** One app message that reached one member. */
export interface AppMessageDelivery {
  msgid: string;
  userid: string;
  atMs: number;
  msgtype: string;
  content: unknown;
}

export interface UploadedMedia {
  media_id: string;
  type: string;
  filename: string;
  contentType: string;
  bytes: number;
  created_at: number;
}

export interface LoginCode {
  userid: string;
  issuedAtMs: number;
  used: boolean;
}

/** Codes from `wx.qy.login` and WeCom OAuth live 5 minutes and work once. */
export const LOGIN_CODE_TTL_MS = 5 * 60_000;

/** The corp's mutable world: directory, customers, relations and what the APIs produced. */
export class CorpState {
  readonly departments: Department[];
  readonly members = new Map<string, Member>();
  readonly customers = new Map<string, Customer>();
  follows: FollowRelation[];
  readonly tagGroups: TagGroup[];
  readonly contactWays = new Map<string, ContactWay>();
  readonly welcomeCodes = new Map<string, WelcomeCodeGrant>();
  readonly welcomes: WelcomeRecord[] = [];
  readonly groupTasks = new Map<string, GroupMessageTask>();
  /** 在职继承 requests by handover, takeover and customer. */
  readonly transfers = new Map<string, CustomerTransfer>();
  /** Group messages each customer received, by `YYYY-MM` of the receipt in Asia/Shanghai. */
  readonly monthlyReceived = new Map<string, number>();
  readonly deliveries: AppMessageDelivery[] = [];
  /** Each member's deliveries of the last minute (their per-minute limit). */
  readonly recentDeliveries = new Map<string, number[]>();
  /** When each distinct app message (recipients + content) was first accepted, for duplicate checks. */
  readonly appMessageFirstSent = new Map<string, number>();
  readonly media = new Map<string, UploadedMedia>();
  readonly miniprogramCodes = new Map<string, LoginCode>();
  readonly oauthCodes = new Map<string, LoginCode>();

  constructor(nowMs: number) {
    const demo = demoCorp(Math.floor(nowMs / 1000));
    this.departments = demo.departments;
    for (const m of demo.members) this.members.set(m.userid, m);
    for (const c of demo.customers) this.customers.set(c.external_userid, c);
    this.follows = demo.follows;
    this.tagGroups = demo.tagGroups;
  }

  member(userid: string): Member {
    const m = this.members.get(userid);
    if (!m) throw fault(ERR.USERID_NOT_FOUND, `userid not found: ${userid}`);
    return m;
  }

  customer(externalUserId: string): Customer {
    const c = this.customers.get(externalUserId);
    if (!c) throw fault(ERR.INVALID_EXTERNAL_USERID, "invalid external userid");
    return c;
  }

  followsOf(externalUserId: string): FollowRelation[] {
    return this.follows.filter((f) => f.external_userid === externalUserId);
  }

  relation(userid: string, externalUserId: string): FollowRelation | undefined {
    return this.follows.find((f) => f.userid === userid && f.external_userid === externalUserId);
  }

  /** The relation or WeCom's 84061 "not an external contact of this member". */
  requireRelation(userid: string, externalUserId: string): FollowRelation {
    this.customer(externalUserId);
    const f = this.relation(userid, externalUserId);
    if (!f) throw fault(ERR.NOT_EXTERNAL_CONTACT, "not external contact");
    return f;
  }

  removeRelation(userid: string, externalUserId: string): void {
    this.requireRelation(userid, externalUserId);
    this.follows = this.follows.filter((f) => !(f.userid === userid && f.external_userid === externalUserId));
  }

  /** A customer new to the corp; ids are random (unless given) so a restarted sandbox never reuses one. */
  newCustomer(name: string, externalUserId?: string): Customer {
    const c: Customer = {
      external_userid: externalUserId ?? `wm${randomBytes(22).toString("base64url").slice(0, 30)}`,
      name,
      avatar: `https://wework.qpic.cn/wwhead/sandbox-${this.customers.size + 1}/0`,
      type: 1,
      gender: 0,
    };
    this.customers.set(c.external_userid, c);
    return c;
  }

  tagById(tagId: string): { group: TagGroup; name: string } | undefined {
    for (const group of this.tagGroups) {
      const tag = group.tag.find((t) => t.id === tagId && !t.deleted);
      if (tag && !group.deleted) return { group, name: tag.name };
    }
    return undefined;
  }
}
