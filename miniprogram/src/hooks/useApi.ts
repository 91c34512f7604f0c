import { useCallback, useEffect, useState } from 'react'
import type { BodyOf, EndpointName, ResponseOf } from '@scrm/shared'
import { call, type ApiError, type CallOptions } from '../api/client'

/** Endpoints without a body: the ones a page can load on its own. */
export type QueryName = { [N in EndpointName]: BodyOf<N> extends undefined ? N : never }[EndpointName]

export type ApiState<T> =
  | { status: 'loading' }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: ApiError }

/** Loads one endpoint when the page mounts and tracks its loading/error state. */
export function useApi<N extends QueryName>(name: N, options?: CallOptions<N>): ApiState<ResponseOf<N>> {
  return useReloadableApi(name, options)[0]
}

/**
 * Like `useApi`, with a `reload` that loads again (after an edit). The call is repeated whenever
 * the options change by value; `enabled: false` waits (e.g. for a router parameter).
 */
export function useReloadableApi<N extends QueryName>(
  name: N,
  options?: CallOptions<N>,
  enabled = true,
): [ApiState<ResponseOf<N>>, () => void] {
  const [state, setState] = useState<ApiState<ResponseOf<N>>>({ status: 'loading' })
  const [generation, setGeneration] = useState(0)
  const key = JSON.stringify(options ?? null)

  useEffect(() => {
    if (!enabled) return
    let current = true
    setState({ status: 'loading' })
    // TypeScript cannot resolve CallArgs<N> for a generic N; QueryName already rules a body out.
    const load = call as unknown as (name: N, body: undefined, options?: CallOptions<N>) => Promise<ResponseOf<N>>
    load(name, undefined, options).then(
      (data) => current && setState({ status: 'ok', data }),
      (error: ApiError) => current && setState({ status: 'error', error }),
    )
    return () => {
      current = false
    }
    // `key` stands for `options` by value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name, key, generation, enabled])

  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  return [state, reload]
}
