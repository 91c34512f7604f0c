import { Text } from '@tarojs/components'
import { issueIsAt, type FieldIssue } from './errorText'

/** The problems with one field, shown under it. */
export function FieldError({ issues, path }: { issues: FieldIssue[]; path: string }) {
  const messages = issues.filter((issue) => issueIsAt(issue, path)).map((issue) => issue.message)
  if (messages.length === 0) return null
  return <Text className='line error' data-field-error={path}>{messages.join('；')}</Text>
}
