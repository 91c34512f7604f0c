import { randomBytes } from "node:crypto";
import { ERR, JsonBody, charCount, fault } from "../wire";
import type { Tag, TagGroup } from "../demoCorp";
import { nowS, type ApiRoute } from "./route";

const MAX_TAG_NAME = 30;
const newTagId = () => `et${randomBytes(18).toString("base64url").slice(0, 24)}`;
const live = <T extends { deleted: boolean }>(items: T[]) => items.filter((i) => !i.deleted);

export const tagsApi: ApiRoute[] = [
  {
    method: "POST",
    path: "/cgi-bin/externalcontact/get_corp_tag_list",
    secret: "contact",
    body: "json",
    handle: ({ body }, sim) => {
      const tagIds = body.strings("tag_id");
      const groupIds = body.strings("group_id");
      const groups = live(sim.state.tagGroups).flatMap((g): TagGroup[] => {
        // As WeCom: tag_id filters first; group_id applies only when no tag_id is given.
        if (tagIds.length > 0) {
          const tag = live(g.tag).filter((t) => tagIds.includes(t.id));
          return tag.length > 0 ? [{ ...g, tag }] : [];
        }
        if (groupIds.length > 0 && !groupIds.includes(g.group_id)) return [];
        return [{ ...g, tag: live(g.tag) }];
      });
      return { tag_group: groups };
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/externalcontact/add_corp_tag",
    secret: "contact",
    body: "json",
    handle: ({ body }, sim) => {
      const wanted = body.list("tag").map((t) => new JsonBody(t));
      if (wanted.length === 0) throw fault(ERR.INVALID_PARAMETER, "tag missing");
      const created = nowS(sim);
      let group: TagGroup | undefined;
      const groupId = body.str("group_id");
      if (groupId) {
        group = live(sim.state.tagGroups).find((g) => g.group_id === groupId);
        if (!group) throw fault(ERR.INVALID_TAG_ID, "invalid group_id");
      } else {
        const name = body.requiredStr("group_name");
        if (charCount(name) > MAX_TAG_NAME) throw fault(ERR.INVALID_TAG_NAME, "group name too long");
        group = live(sim.state.tagGroups).find((g) => g.group_name === name);
        if (!group) {
          group = { group_id: newTagId(), group_name: name, create_time: created, order: body.int("order") ?? 0, deleted: false, tag: [] };
          sim.state.tagGroups.push(group);
        }
      }
      const added: Tag[] = wanted.map((t) => {
        const name = t.requiredStr("name");
        if (charCount(name) > MAX_TAG_NAME) throw fault(ERR.INVALID_TAG_NAME, "tag name too long");
        if (live(group.tag).some((existing) => existing.name === name)) throw fault(ERR.INVALID_TAG_NAME, "UserTag Name Already Exist");
        return { id: newTagId(), name, create_time: created, order: t.int("order") ?? 0, deleted: false };
      });
      group.tag.push(...added);
      const { deleted: _deleted, ...wire } = group;
      return { tag_group: { ...wire, tag: added.map(({ deleted: _d, ...t }) => t) } };
    },
  },
  {
    method: "POST",
    path: "/cgi-bin/externalcontact/mark_tag",
    secret: "contact",
    body: "json",
    handle: ({ body }, sim) => {
      const userid = body.requiredStr("userid");
      sim.state.member(userid);
      const relation = sim.state.requireRelation(userid, body.requiredStr("external_userid"));
      const add = body.strings("add_tag");
      const remove = body.strings("remove_tag");
      if (add.length === 0 && remove.length === 0) throw fault(ERR.INVALID_PARAMETER, "add_tag and remove_tag are both empty");
      if ([...add, ...remove].some((id) => !sim.state.tagById(id))) throw fault(ERR.INVALID_TAG_ID, "invalid tag id");
      relation.tagIds = [...new Set([...relation.tagIds.filter((id) => !remove.includes(id)), ...add])];
      return {};
    },
  },
];
