import type { WecomCaller } from "./caller";

/** What can be set on a contact way ("contact me" code), at creation and later. */
export interface ContactWaySettings {
  /** ≤ 30 characters. */
  remark?: string;
  skip_verify?: boolean;
  style?: number;
  /** The channel, echoed as `State` in the add event; ≤ 30 characters. */
  state?: string;
  /** Type 1: exactly one member; type 2: several (we cap at 100). */
  user?: string[];
  /** Departments, type 2 only. */
  party?: number[];
  /** Seconds a temporary way works (default 7 days, at most 14). */
  expires_in?: number;
  chat_expires_in?: number;
  unionid?: string;
  conclusions?: unknown;
}

export interface NewContactWay extends ContactWaySettings {
  /** 1 a single member, 2 several. */
  type: 1 | 2;
  /** 1 a mini-program button, 2 a QR code. */
  scene: 1 | 2;
  /** A temporary way: single member, stops working once a customer has added through it. */
  is_temp?: boolean;
}

export interface ContactWay extends NewContactWay {
  config_id: string;
  qr_code?: string;
}

export class ContactWaysApi {
  constructor(private readonly caller: WecomCaller) {}

  /** `qr_code` only for scene 2. */
  add(way: NewContactWay): Promise<{ config_id: string; qr_code?: string }> {
    return this.caller.post("contact", "/cgi-bin/externalcontact/add_contact_way", way);
  }

  async get(configId: string): Promise<ContactWay> {
    const { contact_way } = await this.caller.post<{ contact_way: ContactWay }>("contact", "/cgi-bin/externalcontact/get_contact_way", { config_id: configId });
    return contact_way;
  }

  async update(configId: string, settings: ContactWaySettings): Promise<void> {
    await this.caller.post("contact", "/cgi-bin/externalcontact/update_contact_way", { config_id: configId, ...settings });
  }

  async remove(configId: string): Promise<void> {
    await this.caller.post("contact", "/cgi-bin/externalcontact/del_contact_way", { config_id: configId });
  }

  /** Ways created through the API, by creation time (seconds; at most 90 days apart). */
  list(query: { start_time?: number; end_time?: number; cursor?: string; limit?: number } = {}): Promise<{ contact_way: { config_id: string }[]; next_cursor?: string }> {
    return this.caller.post("contact", "/cgi-bin/externalcontact/list_contact_way", query);
  }
}
