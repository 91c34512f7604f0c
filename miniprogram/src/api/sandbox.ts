import Taro from '@tarojs/taro'
import type { Role } from '@scrm/shared'
import { ApiError, call, saveSession } from './client'

/** Sandbox only: signs in as a demo user (staff and managers as a member of the simulator's demo corp). */
export async function signInAsDemo(role: Role, userId?: string): Promise<void> {
  const session = await call('sandboxLogin', { role, ...(userId ? { userId } : {}) })
  saveSession(session.token)
}

/**
 * The H5 build has no `wx.login`: in sandbox the mini-program platform simulator issues the login
 * code instead. It is not our API, so it is not in the shared contract.
 */
export async function sandboxLoginCode(): Promise<string> {
  const answer = await Taro.request({ url: '/sandbox/miniapp/_actions/login-code', method: 'POST', data: {}, dataType: 'json' })
  const code: unknown = (answer.data as { code?: unknown } | undefined)?.code
  if (answer.statusCode !== 200 || typeof code !== 'string') {
    throw new ApiError('bad_response', `沙箱登录码获取失败（HTTP ${answer.statusCode}）`, answer.statusCode)
  }
  return code
}
