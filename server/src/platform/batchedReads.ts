import DataLoader from "dataloader";

/** Keys one statement reads at most. */
const MAX_KEYS = 500;

/**
 * Point reads that many concurrent requests make, one key each (every signed-in request its
 * session, every scan its referral code): the keys asked for within `windowMs` of the first are
 * read together with one statement. `readMany` answers the rows it found by key; the others get
 * `absent`.
 */
export function batchedReads<K, V>(readMany: (keys: K[]) => Promise<Map<K, V>>, absent: V, windowMs: number): (key: K) => Promise<V> {
  const loader = new DataLoader<K, V>(
    async (keys) => {
      const found = await readMany([...new Set(keys)]);
      return keys.map((key) => (found.has(key) ? found.get(key)! : absent));
    },
    { cache: false, maxBatchSize: MAX_KEYS, batchScheduleFn: (read) => setTimeout(read, windowMs) },
  );
  return (key) => loader.load(key);
}
