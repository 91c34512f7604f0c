/**
 * A per-instance copy of rows that change rarely, kept `ttlMs` (other instances see a change within
 * that time). Bounded: past `max` entries it starts over. A load that was running when a change
 * made here dropped entries is answered but not kept (it may have read the row before the change).
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();
  /** Moves on every drop: a load keeps its result only if none happened while it ran. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
    /** Which loaded values are kept (by default all; e.g. not a miss that may exist soon). */
    private readonly keeps: (value: V) => boolean = () => true,
  ) {}

  async get(key: K, load: (key: K) => Promise<V>): Promise<V> {
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached && cached.until > now) return cached.value;
    const generation = this.generation;
    const value = await load(key);
    if (generation !== this.generation || !this.keeps(value)) return value;
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
    const generation = this.generation;
    const loaded = await load(missing);
    const keep = generation === this.generation;
    if (keep && this.entries.size + loaded.size >= this.max) this.entries.clear();
    for (const [key, value] of loaded) {
      if (keep && this.keeps(value)) this.entries.set(key, { value, until: now + this.ttlMs });
      found.set(key, value);
    }
    return found;
  }

  /** Drops this instance's copy after a change made here. */
  delete(key: K): void {
    this.generation++;
    this.entries.delete(key);
  }

  /** Drops every copy (a change made here that touches entries it cannot name). */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
