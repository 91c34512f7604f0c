import type { ReactNode } from 'react'
import { Input, Text, View, type InputProps } from '@tarojs/components'
import type { FieldIssue } from './errorText'
import { FieldError } from './FieldError'

/** `type` and `maxlength` reach the input only when given, so the platform's defaults (text, 140) hold otherwise. */
interface TextFieldProps extends Pick<InputProps, 'type' | 'maxlength'> {
  id: string
  label: string
  value: string
  onInput: (value: string) => void
  /** The form's problems; those at `path` show under the input. */
  issues: FieldIssue[]
  path: string
  /** A hint between the input and its problems. */
  children?: ReactNode
}

/** One labelled line of text in a form, with its problems under it. */
export function TextField({ id, label, value, onInput, issues, path, children, ...input }: TextFieldProps) {
  return (
    <View className='field'>
      <Text className='field-label'>{label}</Text>
      <Input id={id} className='input' {...input} value={value} onInput={(e) => onInput(e.detail.value)} />
      {children}
      <FieldError issues={issues} path={path} />
    </View>
  )
}
