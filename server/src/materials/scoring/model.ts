import type { LeadGrade, LeadScore, ScoringRulesView } from "@scrm/shared";
import { DAY_MS } from "../../platform/clock";

/**
 * The score model, pure. Behaviour points p earned at t count p × 0.5^((now − t) / halfLife). Each
 * customer keeps one number normalised to a basis time B shared by everyone:
 * norm = Σ p × 2^((t − B) / halfLife), so today's value is norm × 2^(−(now − B) / halfLife).
 * Adding an event is `norm + p × 2^((t − B) / halfLife)`: commutative, so concurrent or
 * out-of-order events add up exactly; and one factor for everyone, so ORDER BY norm is the order
 * of today's values. B is rebased (every row scaled once) before the exponent nears a double's
 * range, and whenever the half-life changes.
 */
export interface Basis {
  at: number;
  halfLifeMs: number;
}

/** Past this many half-lives between the basis and an event, the basis moves (2^400 ≈ 1e120, far below a double's 1e308). */
export const MAX_DRIFT_HALF_LIVES = 400;

/** What `p` points earned at `t` add to `norm`. */
export const normalised = (basis: Basis, points: number, at: number): number => points * 2 ** ((at - basis.at) / basis.halfLifeMs);

/** Today's behaviour value of a stored `norm`. */
export const decayedAt = (basis: Basis, norm: number, now: number): number => norm * 2 ** (-(now - basis.at) / basis.halfLifeMs);

export const drifted = (basis: Basis, ...times: number[]): boolean => times.some((t) => Math.abs(t - basis.at) / basis.halfLifeMs > MAX_DRIFT_HALF_LIVES);

export const gradeOf = (rules: Pick<ScoringRulesView, "hotAt" | "warmAt">, score: number): LeadGrade =>
  score >= rules.hotAt ? "hot" : score >= rules.warmAt ? "warm" : "cold";

/** What a customer's profile says about fit: read from their record and relations when asked. */
export interface ProfileFacts {
  name: string;
  avatar: string;
  gender: number;
  hasPhone: boolean;
  /** Distinct tags over their relations with staff. */
  tags: number;
  /** They came to us through a channel code. */
  fromChannel: boolean;
}

export interface Factor {
  label: string;
  points: number;
}

export function profileFactors(rules: ScoringRulesView, p: ProfileFacts): Factor[] {
  const filled = [p.name.trim() && "姓名", p.avatar && "头像", p.gender !== 0 && "性别", p.hasPhone && "手机"].filter((f): f is string => Boolean(f));
  const factors: Factor[] = [];
  if (filled.length > 0) factors.push({ label: `资料完整（${filled.join("、")}）`, points: filled.length * rules.profile.perFilledField });
  if (p.tags > 0) factors.push({ label: `标签 ${p.tags} 个`, points: p.tags * rules.profile.perTag });
  if (p.fromChannel) factors.push({ label: "来自渠道", points: rules.profile.fromChannel });
  return factors.filter((f) => f.points !== 0);
}

export const profilePoints = (rules: ScoringRulesView, p: ProfileFacts): number => profileFactors(rules, p).reduce((sum, f) => sum + f.points, 0);

/** The displayed score: integer profile points plus today's behaviour value, rounded once. */
export const scoreOf = (profile: number, behaviourNow: number): number => profile + Math.round(behaviourNow);

/** Behaviour factors with one label, summed. */
export interface FactorGroup {
  kind: string;
  label: string;
  points: number;
  qty: number;
  count: number;
}

const groupLabel = (g: FactorGroup): string => {
  if (g.kind === "dwell") return `${g.label} ${g.qty} 分钟`;
  return g.count > 1 ? `${g.label}${g.count} 次` : g.label;
};

export interface Explained {
  score: number;
  grade: LeadGrade;
  factors: Factor[];
}

/**
 * The score with the factors that make it: profile lines, behaviour lines as earned (raw points),
 * and one line for time's decay: the displayed behaviour points minus the raw ones, so the rounding
 * remainder lands there and the lines always add up to the score.
 */
export function explain(rules: ScoringRulesView, profile: ProfileFacts, groups: FactorGroup[], behaviourNow: number, lastAt: number | null, now: number): Explained {
  const factors = [...profileFactors(rules, profile), ...groups.filter((g) => g.points !== 0).map((g) => ({ label: groupLabel(g), points: g.points }))];
  const raw = groups.reduce((sum, g) => sum + g.points, 0);
  const shown = Math.round(behaviourNow);
  if (shown !== raw) {
    const days = lastAt === null ? 0 : Math.max(0, Math.floor((now - lastAt) / DAY_MS));
    factors.push({ label: `时间衰减（最近一次互动 ${days} 天前）`, points: shown - raw });
  }
  const score = factors.reduce((sum, f) => sum + f.points, 0);
  return { score, grade: gradeOf(rules, score), factors };
}

export const presentScore = (customerId: string, e: Explained): LeadScore => ({ customerId, score: e.score, grade: e.grade, factors: e.factors });
