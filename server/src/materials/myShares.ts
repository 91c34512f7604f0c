import { In } from "typeorm";
import type { MyShare } from "@scrm/shared";
import type { AppDeps } from "../deps";
import { customerNames } from "../customers/oneId";
import { MaterialVersion } from "./material.entity";
import { MaterialShare } from "./share.entity";
import { MaterialViewer } from "./event.entity";

/** The newest shares the page lists. */
const MAX_SHARES = 100;
const ANONYMOUS_VIEWER = "未登录访客";
const UNNAMED_CUSTOMER = "微信用户";

type Reader = MyShare["viewers"][number];

/**
 * A staff member's own shares, newest first, each with the people who read it: on the card or
 * poster itself, or on a forward of it (any depth; forwards carry the staff member, so nobody
 * else's shares or readers can appear). Staff's own views and bots are left out; a person who read
 * both the share and a forward appears once, `viaForward` only when they never opened the share itself.
 */
export async function myShares({ db }: Pick<AppDeps, "db">, staffUserId: string): Promise<MyShare[]> {
  const roots = await db.manager.find(MaterialShare, { where: { staffUserId, depth: 0 }, order: { createdAt: "DESC", token: "ASC" }, take: MAX_SHARES });
  if (roots.length === 0) return [];
  const family = await db.manager.find(MaterialShare, {
    where: { staffUserId, materialId: In([...new Set(roots.map((r) => r.materialId))]) },
    select: { token: true, parentToken: true, depth: true },
  });
  const parents = new Map(family.map((s) => [s.token, s.parentToken]));
  const rootOf = (token: string) => {
    let at = token;
    for (let hops = 0; hops < 100 && parents.get(at); hops++) at = parents.get(at)!;
    return at;
  };
  const listed = new Set(roots.map((r) => r.token));
  const tokens = family.map((s) => s.token).filter((t) => listed.has(rootOf(t)));

  const readers = new Map<string, Map<string, Reader & { direct: boolean }>>();
  for (let i = 0; i < tokens.length; i += 500) {
    const rows = await db.manager.find(MaterialViewer, { where: { token: In(tokens.slice(i, i + 500)) } });
    for (const v of rows) {
      if (v.excluded !== null || v.opens === 0) continue;
      const root = rootOf(v.token);
      let byViewer = readers.get(root);
      if (!byViewer) readers.set(root, (byViewer = new Map()));
      const seen = byViewer.get(v.viewerKey);
      const direct = v.token === root;
      if (!seen) {
        byViewer.set(v.viewerKey, { customerId: v.customerId, name: "", opens: v.opens, dwellMs: v.dwellMs, lastAt: v.lastAt.toISOString(), viaForward: !direct, direct });
      } else {
        seen.opens += v.opens;
        seen.dwellMs += v.dwellMs;
        if (v.lastAt.toISOString() > seen.lastAt) seen.lastAt = v.lastAt.toISOString();
        seen.direct ||= direct;
        seen.viaForward = !seen.direct;
      }
    }
  }

  const customerIds = [...readers.values()].flatMap((m) => [...m.values()].map((r) => r.customerId)).filter((id): id is string => id !== null);
  const [names, versions] = await Promise.all([
    customerNames(db.manager, [...new Set(customerIds)]),
    db.manager.find(MaterialVersion, { where: { id: In([...new Set(roots.map((r) => r.versionId))]) }, select: { id: true, title: true } }),
  ]);
  const titles = new Map(versions.map((v) => [v.id, v.title]));
  return roots.map((share) => ({
    token: share.token,
    materialId: share.materialId,
    title: titles.get(share.versionId) ?? "",
    channel: share.channel,
    createdAt: share.createdAt.toISOString(),
    viewers: [...(readers.get(share.token)?.values() ?? [])]
      .map(({ direct: _direct, ...r }) => ({ ...r, name: r.customerId ? names.get(r.customerId) || UNNAMED_CUSTOMER : ANONYMOUS_VIEWER }))
      .sort((a, b) => (a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : 0)),
  }));
}
