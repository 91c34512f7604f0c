/**
 * A per-instance copy of rows that change rarely, kept `ttlMs` (other instances see a change within
 * that time). Bounded: past `max` entries it starts over.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
  ) {}

  async get(key: K, load: (key: K) => Promise<V>): Promise<V> {
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached && cached.until > now) return cached.value;
    const value = await load(key);
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, { value, until: now + this.ttlMs });
    return value;
  }

  /** Several at once: the ones not cached are loaded together (`load` answers those it found). */
  async getMany(keys: K[], load: (missing: K[]) => Promise<Map<K, V>>): Promise<Map<K, V>> {
    const now = Date.now();
    const found = new Map<K, V>();
    const missing: K[] = [];
    for (const key of keys) {
      const cached = this.entries.get(key);
      if (cached && cached.until > now) found.set(key, cached.value);
      else missing.push(key);
    }
    if (missing.length === 0) return found;
    const loaded = await load(missing);
    if (this.entries.size + loaded.size >= this.max) this.entries.clear();
    for (const [key, value] of loaded) {
      this.entries.set(key, { value, until: now + this.ttlMs });
      found.set(key, value);
    }
    return found;
  }

  /** Drops this instance's copy after a change made here. */
  delete(key: K): void {
    this.entries.delete(key);
  }

  /** Drops every copy (a change made here that touches entries it cannot name). */
  clear(): void {
    this.entries.clear();
  }
}
