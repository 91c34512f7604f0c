import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import type { ScoringRulesView } from '@scrm/shared'
import { call } from '../../../../api/client'
import { Loaded } from '../../../../components/Loaded'
import { useApi } from '../../../../hooks/useApi'
import { FieldError } from '../../components/FieldError'
import { SubmitFeedback } from '../../components/SubmitFeedback'
import { useSubmit } from '../../components/useSubmit'
import { draftOf, RULE_FIELDS, rulesInput, type RulesDraft } from './rules'

const RULE_PATHS = RULE_FIELDS.map((f) => f.path)

function RulesForm({ initial }: { initial: ScoringRulesView }) {
  const [draft, setDraft] = useState<RulesDraft>(() => draftOf(initial))
  const { submit, saving, issues, message } = useSubmit()

  const save = () =>
    submit(rulesInput(draft), (input) => call('scoringRulesSet', input), (saved) => {
      setDraft(draftOf(saved))
      return '评分规则已保存'
    })

  return (
    <View id='scoring-form'>
      <Text className='note'>资料分 + 行为分（随时间按半衰期衰减）= 线索评分；达到起始分即为温线索、热线索。</Text>
      {RULE_FIELDS.map(({ path, label }) => (
        <View key={path} className='field'>
          <Text className='field-label'>{label}</Text>
          <Input id={`rule-${path.replace('.', '-')}`} className='input' type='digit' value={draft[path]} onInput={(e) => setDraft((d) => ({ ...d, [path]: e.detail.value }))} />
          <FieldError issues={issues} path={path} />
        </View>
      ))}
      <Button id='scoring-save' type='primary' disabled={saving} loading={saving} onClick={save}>保存评分规则</Button>
      <SubmitFeedback id='scoring-message' issues={issues} shownPaths={RULE_PATHS} message={message} />
    </View>
  )
}

/** The lead scoring rules: points per profile fact and behaviour, their half-life, and the grade thresholds. */
export default function ScoringRulesPage() {
  const rules = useApi('scoringRulesGet')
  return (
    <View className='page'>
      <Text className='page-title'>线索评分规则</Text>
      <Loaded state={rules}>{(view) => <RulesForm initial={view} />}</Loaded>
    </View>
  )
}
