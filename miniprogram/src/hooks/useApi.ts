import { useEffect, useState } from 'react'
import type { BodyOf, EndpointName, ResponseOf } from '@scrm/shared'
import { call, type ApiError } from '../api/client'

/** Endpoints without a body: the ones a page can load on its own. */
export type QueryName = { [N in EndpointName]: BodyOf<N> extends undefined ? N : never }[EndpointName]

export type ApiState<T> =
  | { status: 'loading' }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: ApiError }

/** Loads one endpoint when the page mounts and tracks its loading/error state. */
export function useApi<N extends QueryName>(name: N): ApiState<ResponseOf<N>> {
  const [state, setState] = useState<ApiState<ResponseOf<N>>>({ status: 'loading' })

  useEffect(() => {
    let current = true
    setState({ status: 'loading' })
    // TypeScript cannot resolve BodyArgs<N> for a generic N; QueryName already rules a body out.
    const load = call as (name: N) => Promise<ResponseOf<N>>
    load(name).then(
      (data) => current && setState({ status: 'ok', data }),
      (error: ApiError) => current && setState({ status: 'error', error }),
    )
    return () => {
      current = false
    }
  }, [name])

  return state
}
