import { Text, View } from '@tarojs/components'
import { issueIsAt, type FieldIssue } from './errorText'
import type { SubmitMessage } from './useSubmit'

interface SubmitFeedbackProps {
  /** The message's id, for tests and screen readers. */
  id: string
  issues: FieldIssue[]
  /** The fields the form shows problems under; the server's other paths show here. */
  shownPaths: readonly string[]
  message?: SubmitMessage
}

/** Under a form's save button: problems with fields the form does not show, and how the save went. */
export function SubmitFeedback({ id, issues, shownPaths, message }: SubmitFeedbackProps) {
  const elsewhere = issues.filter((issue) => !shownPaths.some((path) => issueIsAt(issue, path)))
  return (
    <View>
      {elsewhere.map((issue) => (
        <Text key={issue.path} className='line error'>{issue.path}：{issue.message}</Text>
      ))}
      {message && <Text id={id} className={message.error ? 'line error' : 'line'}>{message.text}</Text>}
    </View>
  )
}
