import Taro from '@tarojs/taro'
import type { Role } from '@scrm/shared'
import { ApiError, call, saveSession } from './client'

/** Sandbox only: signs in as a demo user (staff and managers as a member of the simulator's demo corp). */
export async function signInAsDemo(role: Role, userId?: string): Promise<void> {
  const session = await call('sandboxLogin', { role, ...(userId ? { userId } : {}) })
  saveSession(session.token)
}

/** The simulated phone's WeChat user: the openid of its latest login code (the sandbox console sets it too). */
export const SANDBOX_OPENID_STORAGE_KEY = 'scrm.sandboxOpenid'

/** Calls one of the mini-program platform simulator's actions (not our API, so not in the shared contract). */
async function simulatorAction(name: string, body: object, what: string): Promise<Record<string, unknown>> {
  const answer = await Taro.request({ url: `/sandbox/miniapp/_actions/${name}`, method: 'POST', data: body, dataType: 'json' })
  if (answer.statusCode !== 200 || typeof answer.data !== 'object' || answer.data === null) {
    throw new ApiError('bad_response', `${what}失败（HTTP ${answer.statusCode}）`, answer.statusCode)
  }
  return answer.data as Record<string, unknown>
}

/** The H5 build has no `wx.login`: in sandbox the mini-program platform simulator issues the login code instead. */
export async function sandboxLoginCode(): Promise<string> {
  const { code, openid } = await simulatorAction('login-code', {}, '沙箱登录码获取')
  if (typeof code !== 'string' || typeof openid !== 'string') throw new ApiError('bad_response', '沙箱登录码获取失败', 200)
  Taro.setStorageSync(SANDBOX_OPENID_STORAGE_KEY, openid)
  return code
}

/**
 * The H5 build has no `wx.requestSubscribeMessage`: the simulator plays the phone's dialog for the
 * WeChat user this page last logged in as (the customer accepts). Answers as the phone does.
 */
export async function sandboxSubscribeDialog(tmplIds: string[]): Promise<Record<string, unknown>> {
  const openid: unknown = Taro.getStorageSync(SANDBOX_OPENID_STORAGE_KEY)
  if (typeof openid !== 'string' || !openid) throw new ApiError('bad_request', '沙箱中请先以客户身份登录小程序', 0)
  return simulatorAction('requestSubscribeMessage', { openid, tmplIds }, '沙箱订阅消息弹窗')
}
