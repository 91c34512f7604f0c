import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { Role } from '@scrm/shared'
import { signInAsDemo } from '../../api/sandbox'
import { openPage, type PageName } from '../../lib/pages'

interface DemoUser {
  label: string
  role: Role
  /** A member of the simulator's demo corp. */
  userId: string
  home: PageName
}

const DEMO_USERS: DemoUser[] = [
  { label: '以经理 张伟 登录', role: 'manager', userId: 'ZhangWei', home: 'managerHome' },
  { label: '以员工 李娜 登录', role: 'staff', userId: 'LiNa', home: 'staffHome' },
  { label: '以员工 王芳 登录', role: 'staff', userId: 'WangFang', home: 'staffHome' },
]

/** Sandbox only: sign in as a demo manager or staff member and open their home page. */
export function DemoSignIn() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  const signIn = async (user: DemoUser) => {
    setBusy(true)
    setError(undefined)
    try {
      await signInAsDemo(user.role, user.userId)
      openPage(user.home)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View id='demo-sign-in' className='section'>
      <Text className='section-title'>沙箱演示</Text>
      {DEMO_USERS.map((user) => (
        <Button key={user.userId} id={`sign-in-${user.userId}`} className='line' disabled={busy} onClick={() => signIn(user)}>
          {user.label}
        </Button>
      ))}
      {error && <Text className='line error'>{error}</Text>}
    </View>
  )
}
