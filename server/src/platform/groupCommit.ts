/**
 * Lets concurrent callers share one database commit. Items that arrive while commits are running
 * wait and go together in the next one, so under load a commit carries a batch, and with no load
 * an item is committed at once. Each caller's promise settles only after its batch committed.
 * Up to `maxInFlight` batches run at once (a batch that spends most of its time waiting on the
 * database should not hold the next one back); by default one.
 */
export class GroupCommit<T, R> {
  private pending: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;
  private running = 0;

  constructor(
    /** Commits a batch and answers one result per item, in order. */
    private readonly commit: (items: T[]) => Promise<R[]>,
    private readonly maxBatch = 500,
    private readonly maxInFlight = 1,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.scheduled && this.running < this.maxInFlight) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.startBatches(); // let the requests of this I/O turn join
        });
      }
    });
  }

  private startBatches(): void {
    while (this.pending.length > 0 && this.running < this.maxInFlight) {
      const batch = this.pending.splice(0, this.maxBatch);
      this.running++;
      void this.run(batch).finally(() => {
        this.running--;
        this.startBatches();
      });
    }
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
