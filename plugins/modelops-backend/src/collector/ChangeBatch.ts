/** Options of {@link ChangeBatch}. */
export interface ChangeBatchOptions<V> {
  /** Changes within this many milliseconds are written together. */
  delayMs: number;
  /** After a failed write, the batch is tried again after this many milliseconds. */
  retryMs: number;
  /** Writes one batch: key -> what the watch carried, or undefined when only the key is known. */
  write(batch: Map<string, V | undefined>): Promise<void>;
  /** Told about a failed write (the batch stays pending). */
  onError(error: unknown, size: number): void;
}

/**
 * Keys that changed, waiting to be written together: a key marked again before the write is
 * written once; writes run one after the other; a failed batch stays pending and is retried.
 */
export class ChangeBatch<V> {
  private readonly pending = new Map<string, V | undefined>();
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly options: ChangeBatchOptions<V>) {}

  /** Marks a key changed; a value already pending is kept when `value` is undefined. */
  mark(key: string, value?: V): void {
    this.pending.set(key, value ?? this.pending.get(key));
    this.schedule(this.options.delayMs);
  }

  /** Forgets a pending key (the object was deleted). */
  forget(key: string): void {
    this.pending.delete(key);
  }

  /** Writes what is pending now; resolves when that write (and earlier ones) ended. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.writing = this.writing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = new Map(this.pending);
      this.pending.clear();
      try {
        await this.options.write(batch);
      } catch (error) {
        for (const [key, value] of batch)
          if (!this.pending.has(key)) this.pending.set(key, value);
        this.options.onError(error, batch.size);
        this.schedule(this.options.retryMs);
      }
    });
    return this.writing;
  }

  private schedule(ms: number) {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, ms);
  }
}
