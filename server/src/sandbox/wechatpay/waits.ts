/**
 * The simulator's timers: held answers and notification retries. None keeps the process alive,
 * and `close()` ends them all at once, so a stopped simulator leaves nothing behind.
 */
export class Waits {
  private readonly pending = new Set<() => void>();
  private closed = false;

  /** Resolves true after `ms`, or false as soon as the simulator closes. */
  wait(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (elapsed: boolean) => {
        clearTimeout(timer);
        this.pending.delete(cancel);
        resolve(elapsed);
      };
      const cancel = () => done(false);
      const timer = setTimeout(() => done(true), ms);
      timer.unref();
      this.pending.add(cancel);
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    for (const cancel of [...this.pending]) cancel();
  }
}
