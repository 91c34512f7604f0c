import Taro from '@tarojs/taro'
import {
  endpoints,
  ErrorBody,
  type BodyOf,
  type EndpointName,
  type ErrorCode,
  type PathParamsOf,
  type ResponseOf,
} from '@scrm/shared'

export const SESSION_STORAGE_KEY = 'scrm.session'
/** Where this install's device id is kept (the sandbox console writes it too, to play a new phone). */
export const DEVICE_ID_STORAGE_KEY = 'scrm.deviceId'

// The H5 build is served by the API server itself, so paths stay relative to the page's origin;
// a mini-program has no origin and calls the host fixed at build time.
const baseUrl = process.env.TARO_ENV === 'h5' ? '' : API_BASE_URL

/** Failures noticed by the client itself, when no answer in the error contract arrived. */
export type ClientErrorCode = 'network_error' | 'bad_response'

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    readonly requestId?: string,
    /** The answer's `details`: for `validation_failed`, the fields at fault (the manager forms read them). */
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Query-string values; `undefined` and empty strings are left out. */
export type Query = Record<string, string | number | boolean | undefined>

/**
 * Request headers an endpoint requires besides the session (the contract names them in comments).
 * A claim carries its idempotency key, so a retried claim is answered instead of taken twice.
 */
export interface RequiredHeaders {
  couponClaim: { 'Idempotency-Key': string }
}

type HasPathParams<N extends EndpointName> = [keyof PathParamsOf<N>] extends [never] ? false : true

/**
 * Path parameters are required exactly for paths with `:name` segments, headers exactly for the
 * endpoints in `RequiredHeaders`; a query string is always optional.
 */
export type CallOptions<N extends EndpointName> = (HasPathParams<N> extends true
  ? { params: PathParamsOf<N> }
  : { params?: undefined }) &
  (N extends keyof RequiredHeaders ? { headers: RequiredHeaders[N] } : { headers?: undefined }) & { query?: Query }

type OptionsArgs<N extends EndpointName> = HasPathParams<N> extends true
  ? [options: CallOptions<N>]
  : N extends keyof RequiredHeaders
    ? [options: CallOptions<N>]
    : [options?: CallOptions<N>]

/** The body argument is required exactly for endpoints whose contract has a body schema. */
export type CallArgs<N extends EndpointName> = BodyOf<N> extends undefined
  ? [] | [body: undefined, ...OptionsArgs<N>]
  : [body: BodyOf<N>, ...OptionsArgs<N>]

export function sessionToken(): string | undefined {
  const token: unknown = Taro.getStorageSync(SESSION_STORAGE_KEY)
  return typeof token === 'string' && token ? token : undefined
}

export function saveSession(token: string): void {
  Taro.setStorageSync(SESSION_STORAGE_KEY, token)
}

/** 32 random hex digits; not a secret, so `Math.random` will do where `crypto` is missing (older mini-program engines). */
function randomDeviceId(): string {
  let id = ''
  while (id.length < 32) id += Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0')
  return id
}

/**
 * This install's device id, made once and kept in storage. The server counts invitees per device
 * to notice one phone opening a code for many "new" customers.
 */
export function deviceId(): string {
  const kept: unknown = Taro.getStorageSync(DEVICE_ID_STORAGE_KEY)
  if (typeof kept === 'string' && /^[\w-]{8,64}$/.test(kept)) return kept
  const made = randomDeviceId()
  Taro.setStorageSync(DEVICE_ID_STORAGE_KEY, made)
  return made
}

export function authHeader(): Record<string, string> {
  const token = sessionToken()
  return token ? { Authorization: `Bearer ${token}` } : {}
}

/** Fills `:name` segments and appends the query string. */
export function buildUrl(path: string, params: Record<string, string> = {}, query: Query = {}): string {
  const filled = path.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new ApiError('bad_request', `缺少路径参数 ${name}`, 0)
    return encodeURIComponent(value)
  })
  const search = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
  return baseUrl + filled + (search ? `?${search}` : '')
}

/**
 * Calls one endpoint of the shared contract; every failure rejects with an `ApiError`.
 * `call('channelGet', undefined, { params: { id } })`, `call('customerList', undefined, { query: { tag } })`.
 */
export async function call<N extends EndpointName>(name: N, ...args: CallArgs<N>): Promise<ResponseOf<N>> {
  const endpoint = endpoints[name]
  const [body, options] = args as unknown as [
    unknown,
    { params?: Record<string, string>; query?: Query; headers?: Record<string, string> } | undefined,
  ]

  const answer = await Taro.request({
    url: buildUrl(endpoint.path, options?.params, options?.query),
    method: endpoint.method,
    data: body,
    header: { 'X-Device-Id': deviceId(), ...authHeader(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...options?.headers },
    dataType: 'json',
  }).catch(networkFailure)

  return answerOf(name, answer)
}

/** An endpoint's answer by its contract; a failure, or an answer outside the contract, rejects with an `ApiError`. */
export function answerOf<N extends EndpointName>(name: N, answer: { statusCode: number; data: unknown }): ResponseOf<N> {
  const status = answer.statusCode
  const data: unknown = answer.data
  if (status < 200 || status >= 300) {
    const failure = ErrorBody.safeParse(data)
    if (!failure.success) throw new ApiError('bad_response', `服务应答异常（HTTP ${status}）`, status)
    const { code, message, requestId, details } = failure.data.error
    throw new ApiError(code, message, status, requestId, details)
  }

  const parsed = endpoints[name].response.safeParse(data)
  if (!parsed.success) throw new ApiError('bad_response', `服务应答不符合约定（${name}）`, status)
  return parsed.data as ResponseOf<N>
}

/** What a request that never got an answer rejects with. */
export function networkFailure(cause: unknown): never {
  throw new ApiError('network_error', `网络请求失败：${describe(cause)}`, 0)
}

/** Taro rejects with `{ errMsg }` in mini-programs and with an `Error` in H5. */
function describe(cause: unknown): string {
  if (typeof cause === 'object' && cause !== null) {
    const { errMsg, message } = cause as { errMsg?: unknown; message?: unknown }
    if (typeof errMsg === 'string' && errMsg) return errMsg
    if (typeof message === 'string' && message) return message
  }
  return String(cause)
}
