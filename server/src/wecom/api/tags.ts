import type { WecomCaller } from "./caller";

export interface CorpTag {
  id: string;
  name: string;
  create_time: number;
  order: number;
  deleted?: boolean;
}

export interface CorpTagGroup {
  group_id: string;
  group_name: string;
  create_time: number;
  order: number;
  deleted?: boolean;
  tag: CorpTag[];
}

export interface NewCorpTags {
  /** An existing group… */
  group_id?: string;
  /** …or a group by name (created when it does not exist). */
  group_name?: string;
  order?: number;
  tag: { name: string; order?: number }[];
}

/** The corp's customer tags and tagging a customer for one member. */
export class TagsApi {
  constructor(private readonly caller: WecomCaller) {}

  async list(filter: { tag_id?: string[]; group_id?: string[] } = {}): Promise<CorpTagGroup[]> {
    const { tag_group } = await this.caller.post<{ tag_group: CorpTagGroup[] }>("contact", "/cgi-bin/externalcontact/get_corp_tag_list", filter);
    return tag_group;
  }

  /** Answers the group with only the tags just created. */
  async add(tags: NewCorpTags): Promise<CorpTagGroup> {
    const { tag_group } = await this.caller.post<{ tag_group: CorpTagGroup }>("contact", "/cgi-bin/externalcontact/add_corp_tag", tags);
    return tag_group;
  }

  async mark(input: { userid: string; external_userid: string; add_tag?: string[]; remove_tag?: string[] }): Promise<void> {
    await this.caller.post("contact", "/cgi-bin/externalcontact/mark_tag", input);
  }
}
