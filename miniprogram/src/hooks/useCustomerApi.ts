import type { ResponseOf } from '@scrm/shared'
import type { CallOptions } from '../api/client'
import { asCustomer } from '../api/customerLogin'
import { query, useLoader, type ApiState, type QueryName } from './useApi'

/** `useReloadableApi` for a customer's own data: logs the customer in first when needed. */
export function useCustomerApi<N extends QueryName>(name: N, options?: CallOptions<N>, enabled = true): [ApiState<ResponseOf<N>>, () => void] {
  return useLoader(() => asCustomer(() => query(name, undefined, options)), JSON.stringify([name, options ?? null]), enabled)
}
