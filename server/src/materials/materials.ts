import type { AppDeps } from "../deps";
import type { CallToAction } from "@scrm/shared";
import { survivorOf } from "../customers/oneId";
import { TtlCache } from "../platform/ttlCache";
import { MaterialVersion } from "./material.entity";
import { MaterialShare } from "./share.entity";
import { EventWriter } from "./eventWriter";
import { MaterialAlerts } from "./alerts";
import { recordBehaviour, type BehaviourFact } from "./scoring/behaviour";

/** A share as the event path needs it, with the title and call to action of the version it shows. */
export interface TrackedShare {
  share: MaterialShare;
  title: string;
  callToAction: CallToAction["kind"] | null;
}

/** Shares never change: an instance keeps the ones viewers are reading. */
const SHARE_CACHE_MS = 10 * 60_000;
/** A customer merged into another is seen under the survivor within this time on this instance. */
const SURVIVOR_CACHE_MS = 60_000;
/**
 * Score updates one instance runs at once: each is a transaction, and the event path must keep
 * its database connections under load. Facts wait in a queue meanwhile, where a heartbeat's
 * reading time joins the same customer's waiting reading time on the material (one update).
 */
const SCORING_CONCURRENCY = 4;

/**
 * The material domain's per-instance state: the event writer (group commits), the staff alerts
 * (their outbox topics and minute budgets), the event path's copies of shares and customers'
 * surviving OneID records, and the queue that hands viewers' behaviour to lead scoring.
 */
export class Materials {
  readonly events: EventWriter;
  readonly alerts: MaterialAlerts;
  private readonly shares = new TtlCache<string, TrackedShare | null>(SHARE_CACHE_MS, 20_000);
  private readonly survivors = new TtlCache<string, string>(SURVIVOR_CACHE_MS, 20_000);
  /** Behaviour facts waiting for scoring, in arrival order; reading time keyed by customer and material to add up. */
  private readonly scoringQueue = new Map<string, BehaviourFact>();
  private scoringRunning = 0;
  private scoringSeq = 0;
  private readonly scoringIdle: (() => void)[] = [];

  constructor(private readonly deps: Pick<AppDeps, "db" | "clock" | "config" | "logger" | "wecom" | "outbox" | "followups" | "calendar">) {
    this.events = new EventWriter(deps);
    this.alerts = new MaterialAlerts(deps);
  }

  /** The share behind a token, or null when there is none. */
  shareOf(token: string): Promise<TrackedShare | null> {
    return this.shares.get(token, async (key) => {
      const share = await this.deps.db.manager.findOneBy(MaterialShare, { token: key });
      if (!share) return null;
      const version = await this.deps.db.manager.findOne(MaterialVersion, { where: { id: share.versionId }, select: { id: true, title: true, callToAction: true } });
      return { share, title: version?.title ?? "", callToAction: version?.callToAction?.kind ?? null };
    });
  }

  /** The record a customer lives on now (OneID merges), as this instance last saw it. */
  survivorOf(customerId: string): Promise<string> {
    return this.survivors.get(customerId, (id) => survivorOf(this.deps.db.manager, id));
  }

  /**
   * Moves a customer's lead score after the commit of what they did (a material event, a coupon
   * claim or redemption), without holding up the response; at most SCORING_CONCURRENCY at once,
   * drained at shutdown; a failure is logged (what they did is stored).
   */
  score(fact: BehaviourFact): void {
    const key = fact.kind === "dwell" ? `dwell|${fact.customerId}|${fact.materialTitle ?? ""}` : `${fact.kind}|${this.scoringSeq++}`;
    const waiting = this.scoringQueue.get(key);
    if (waiting) Object.assign(waiting, { dwellMs: (waiting.dwellMs ?? 0) + (fact.dwellMs ?? 0), at: fact.at > waiting.at ? fact.at : waiting.at });
    else this.scoringQueue.set(key, { ...fact });
    this.drainScoring();
  }

  private drainScoring(): void {
    while (this.scoringRunning < SCORING_CONCURRENCY && this.scoringQueue.size > 0) {
      const [key, fact] = this.scoringQueue.entries().next().value as [string, BehaviourFact];
      this.scoringQueue.delete(key);
      this.scoringRunning++;
      void recordBehaviour(this.deps, fact)
        .catch((err: unknown) => this.deps.logger.warn({ err, customerId: fact.customerId, kind: fact.kind }, "lead score not moved by a material event"))
        .finally(() => {
          this.scoringRunning--;
          this.drainScoring();
        });
    }
    if (this.scoringRunning === 0) for (const resolve of this.scoringIdle.splice(0)) resolve();
  }

  /** Resolves when every score update handed over so far has finished (tests, shutdown). */
  idle(): Promise<void> {
    if (this.scoringRunning === 0 && this.scoringQueue.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.scoringIdle.push(resolve));
  }
}
