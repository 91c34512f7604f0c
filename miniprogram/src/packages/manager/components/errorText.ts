/** The message of whatever a failed call rejected with. */
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err))
