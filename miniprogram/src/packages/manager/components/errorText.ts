import { ApiError } from '../../../api/client'

/** The message of whatever a failed call rejected with. */
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/** One field at fault: `path` as the server names it (`benefit.amountFen`, `channelIds.0`). */
export interface FieldIssue {
  path: string
  message: string
}

const isFieldIssue = (value: unknown): value is FieldIssue =>
  typeof value === 'object' && value !== null && typeof (value as FieldIssue).path === 'string' && typeof (value as FieldIssue).message === 'string'

/** The fields a `validation_failed` answer (422) names; none for any other failure. */
export function fieldIssues(err: unknown): FieldIssue[] {
  if (!(err instanceof ApiError) || err.code !== 'validation_failed' || !Array.isArray(err.details)) return []
  return err.details.filter(isFieldIssue)
}

/** Whether an issue belongs to the field at `path` (or to a part of it). */
export const issueIsAt = (issue: FieldIssue, path: string): boolean => issue.path === path || issue.path.startsWith(`${path}.`)
