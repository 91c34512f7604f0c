import type { ScoringRules, ScoringRulesView } from '@scrm/shared'
import type { FieldIssue } from '../../components/errorText'
import type { Checked } from '../../components/useSubmit'

/** Each rule's path as the server names it (`behaviour.view`), with what it means to a manager. */
export const RULE_FIELDS = [
  { path: 'profile.perFilledField', label: '资料每填写一项' },
  { path: 'profile.perTag', label: '每个标签' },
  { path: 'profile.fromChannel', label: '来自渠道' },
  { path: 'behaviour.view', label: '每次打开素材' },
  { path: 'behaviour.dwellMinute', label: '每阅读 1 分钟' },
  { path: 'behaviour.shareIntent', label: '每次转发' },
  { path: 'behaviour.claim', label: '每次领券' },
  { path: 'behaviour.redeem', label: '每次核销' },
  { path: 'halfLifeDays', label: '行为分半衰期（天）' },
  { path: 'warmAt', label: '温线索起始分' },
  { path: 'hotAt', label: '热线索起始分' },
] as const

export type RulePath = (typeof RULE_FIELDS)[number]['path']

/** The rules as typed: numbers stay text until saved. */
export type RulesDraft = Record<RulePath, string>

const valueAt = (view: ScoringRulesView, path: RulePath): number => {
  const [group, name] = path.split('.') as [keyof ScoringRulesView, string | undefined]
  const value = view[group]
  return typeof value === 'number' ? value : (value as Record<string, number>)[name!]
}

export const draftOf = (view: ScoringRulesView): RulesDraft =>
  Object.fromEntries(RULE_FIELDS.map(({ path }) => [path, String(valueAt(view, path))])) as RulesDraft

/** Numbers only; whole numbers, ranges and `hotAt > warmAt` are the server's to judge, and its answer names the field. */
export function rulesInput(draft: RulesDraft): Checked<ScoringRules> {
  const issues: FieldIssue[] = []
  const number = (path: RulePath): number => {
    const text = draft[path].trim()
    if (!/^\d+(\.\d+)?$/.test(text)) issues.push({ path, message: '请填写数字' })
    return Number(text)
  }
  const input: ScoringRules = {
    profile: { perFilledField: number('profile.perFilledField'), perTag: number('profile.perTag'), fromChannel: number('profile.fromChannel') },
    behaviour: {
      view: number('behaviour.view'),
      dwellMinute: number('behaviour.dwellMinute'),
      shareIntent: number('behaviour.shareIntent'),
      claim: number('behaviour.claim'),
      redeem: number('behaviour.redeem'),
    },
    halfLifeDays: number('halfLifeDays'),
    hotAt: number('hotAt'),
    warmAt: number('warmAt'),
  }
  return issues.length > 0 ? { issues } : { input }
}
