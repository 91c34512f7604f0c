import type { AppDeps } from "../../deps";

export const HOT_ALERT = "lead.hot_alert";

/** A customer who just turned hot, and the staff they follow (the outbox job's payload). */
export interface HotAlert {
  customerId: string;
  name: string;
  score: number;
  staff: string[];
}

export const hotAlertText = (a: Pick<HotAlert, "name" | "score">): string => `客户 ${a.name || "一位客户"} 升温为热门线索（${a.score} 分）`;

/** Sends the alert as a WeCom app message (WeCom's duplicate check covers a retried job). */
export async function sendHotAlert(deps: Pick<AppDeps, "wecom">, alert: HotAlert): Promise<void> {
  await deps.wecom.appMessages.send({ touser: alert.staff, msgtype: "text", text: { content: hotAlertText(alert) } });
}

/** Registers the scoring domain's outbox handler (at start, with the other domains'). */
export function registerScoringHandlers(deps: Pick<AppDeps, "outbox" | "wecom">): void {
  deps.outbox.register(HOT_ALERT, (payload) => sendHotAlert(deps, payload as HotAlert));
}
