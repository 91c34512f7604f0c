import Taro from '@tarojs/taro'
import type { Attribution } from '@scrm/shared'
import { ApiError, call, saveSession, sessionToken } from './client'
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

let pendingLogin: Promise<void> | undefined

/** One login for callers that need it at the same time (a page load and a tap meanwhile). */
function loginOnce(): Promise<void> {
  pendingLogin ??= loginCustomer().finally(() => {
    pendingLogin = undefined
  })
  return pendingLogin
}

/**
 * Makes a customer's call, logging in first when there is no session, and once more when the session
 * held is refused: expired, or (like the landing page, which always logs in) a staff session.
 */
export async function asCustomer<T>(request: () => Promise<T>): Promise<T> {
  if (!sessionToken()) await loginOnce()
  try {
    return await request()
  } catch (err) {
    if (!(err instanceof ApiError) || (err.code !== 'unauthorized' && err.code !== 'forbidden')) throw err
    await loginOnce()
    return request()
  }
}
