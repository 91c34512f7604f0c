import Taro from '@tarojs/taro'
import type { Attribution } from '@scrm/shared'
import { ApiError, call, saveSession } from './client'
import { sandboxLoginCode } from './sandbox'

/** A mini-program login code: `wx.login` in the mini-program; the platform simulator's in the H5 sandbox. */
async function loginCode(): Promise<string> {
  if (process.env.TARO_ENV === 'h5') return sandboxLoginCode()
  const { code } = await Taro.login()
  if (!code) throw new ApiError('login_code_invalid', '微信登录失败，请重试', 0)
  return code
}

/** Logs the customer in and keeps the session where the client reads it. */
export async function loginCustomer(attribution?: Attribution): Promise<void> {
  const code = await loginCode()
  const session = await call('wxLogin', { code, ...(attribution ? { attribution } : {}) })
  saveSession(session.token)
}
