import { useState } from 'react'
import { errorText, fieldIssues, type FieldIssue } from './errorText'

export interface SubmitMessage {
  text: string
  error: boolean
}

/** A draft checked on the device: the API body, or the fields to fix first. */
export type Checked<I> = { input: I } | { issues: FieldIssue[] }

const FIX_FIRST = '请按提示修改后再保存'

/**
 * Saving a manager form: the draft's own problems first, then the server's (a `validation_failed`
 * answer names the fields), else the message `saved` answers.
 */
export function useSubmit() {
  const [saving, setSaving] = useState(false)
  const [issues, setIssues] = useState<FieldIssue[]>([])
  const [message, setMessage] = useState<SubmitMessage>()

  const submit = async <I, R>(checked: Checked<I>, send: (input: I) => Promise<R>, saved: (answer: R) => string) => {
    setMessage(undefined)
    if ('issues' in checked) {
      setIssues(checked.issues)
      return setMessage({ text: FIX_FIRST, error: true })
    }
    setIssues([])
    setSaving(true)
    try {
      setMessage({ text: saved(await send(checked.input)), error: false })
    } catch (err) {
      const named = fieldIssues(err)
      setIssues(named)
      setMessage({ text: named.length > 0 ? FIX_FIRST : errorText(err), error: true })
    } finally {
      setSaving(false)
    }
  }

  return { submit, saving, issues, message }
}
