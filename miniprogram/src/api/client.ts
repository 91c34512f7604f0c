import Taro from '@tarojs/taro'
import {
  endpoints,
  ErrorBody,
  type BodyOf,
  type EndpointName,
  type ErrorCode,
  type ResponseOf,
} from '@scrm/shared'

const SESSION_STORAGE_KEY = 'scrm.session'

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
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** The body argument is required exactly for endpoints whose contract has a body schema. */
type BodyArgs<N extends EndpointName> = BodyOf<N> extends undefined ? [] : [body: BodyOf<N>]

/** Calls one endpoint of the shared contract; every failure rejects with an `ApiError`. */
export async function call<N extends EndpointName>(name: N, ...[body]: BodyArgs<N>): Promise<ResponseOf<N>> {
  const endpoint = endpoints[name]
  const token: unknown = Taro.getStorageSync(SESSION_STORAGE_KEY)

  const answer = await Taro.request({
    url: baseUrl + endpoint.path,
    method: endpoint.method,
    data: body,
    header: typeof token === 'string' && token ? { Authorization: `Bearer ${token}` } : {},
    dataType: 'json',
  }).catch((cause: unknown) => {
    throw new ApiError('network_error', `网络请求失败：${describe(cause)}`, 0)
  })

  const status = answer.statusCode
  const data: unknown = answer.data
  if (status < 200 || status >= 300) {
    const failure = ErrorBody.safeParse(data)
    if (!failure.success) throw new ApiError('bad_response', `服务应答异常（HTTP ${status}）`, status)
    const { code, message, requestId } = failure.data.error
    throw new ApiError(code, message, status, requestId)
  }

  const parsed = endpoint.response.safeParse(data)
  if (!parsed.success) throw new ApiError('bad_response', `服务应答不符合约定（${name}）`, status)
  return parsed.data as ResponseOf<N>
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
