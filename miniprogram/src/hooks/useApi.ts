import { useCallback, useEffect, useState } from 'react'
import type { BodyOf, EndpointName, ResponseOf } from '@scrm/shared'
import { call, type ApiError, type CallOptions } from '../api/client'

/** Endpoints without a body: the ones a page can load on its own. */
export type QueryName = { [N in EndpointName]: BodyOf<N> extends undefined ? N : never }[EndpointName]

export type ApiState<T> =
  | { status: 'loading' }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: ApiError }

/** Calls an endpoint without a body. TypeScript cannot resolve CallArgs<N> for a generic N; QueryName already rules a body out. */
export const query = call as unknown as <N extends QueryName>(name: N, body: undefined, options?: CallOptions<N>) => Promise<ResponseOf<N>>

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
  return useLoader(() => query(name, undefined, options), JSON.stringify([name, options ?? null]), enabled)
}

/** Runs `load` when `key` (which stands for its inputs, by value) changes, and on `reload`. */
export function useLoader<T>(load: () => Promise<T>, key: string, enabled = true): [ApiState<T>, () => void] {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' })
  const [generation, setGeneration] = useState(0)

  useEffect(() => {
    if (!enabled) return
    let current = true
    setState({ status: 'loading' })
    load().then(
      (data) => current && setState({ status: 'ok', data }),
      (error: ApiError) => current && setState({ status: 'error', error }),
    )
    return () => {
      current = false
    }
    // `key` stands for `load`'s inputs by value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, generation, enabled])

  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  return [state, reload]
}
