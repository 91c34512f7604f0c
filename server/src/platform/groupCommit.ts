export interface GroupCommitOptions {
  /** Items one commit carries at most (500). */
  maxBatch?: number;
  /** Full batches that may run at once while a backlog drains (1). */
  maxInFlight?: number;
}

/**
 * Lets concurrent callers share one database commit. Items that arrive while commits are running
 * wait and go together in the next one, so under load a commit carries a batch, and with no load
 * an item is committed at once. Each caller's promise settles only after its batch committed.
 * One batch runs at a time; when a full batch waits behind it (a backlog), more full batches
 * start, up to `maxInFlight` at once: under steady load each commit carries all that arrived
 * meanwhile (fewer, larger commits cost the database least), and a backlog drains in parallel.
 */
export class GroupCommit<T, R> {
  private pending: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;
  private running = 0;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;

  constructor(
    /** Commits a batch and answers one result per item, in order. */
    private readonly commit: (items: T[]) => Promise<R[]>,
    { maxBatch = 500, maxInFlight = 1 }: GroupCommitOptions = {},
  ) {
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Starts what may start after this I/O turn (its requests join the batch). */
  private schedule(): void {
    if (this.scheduled || !this.mayStart()) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.startBatches();
    });
  }

  private startBatches(): void {
    while (this.pending.length > 0 && this.mayStart()) {
      const batch = this.pending.splice(0, this.maxBatch);
      this.running++;
      void this.run(batch).finally(() => {
        this.running--;
        this.startBatches();
      });
    }
  }

  private mayStart(): boolean {
    return this.running === 0 || (this.running < this.maxInFlight && this.pending.length >= this.maxBatch);
  }

  private async run(batch: typeof this.pending): Promise<void> {
    try {
      const results = await this.commit(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(results[i]));
    } catch (err) {
      for (const b of batch) b.reject(err);
    }
  }
}
