import { LoggerService } from '@backstage/backend-plugin-api';
import pLimit from 'p-limit';

/** A failed run written without the logs of its failed steps, to be read afterwards. */
export interface DeferredLogRead {
  /** `cluster/namespace/name`: a run queued twice is read once. */
  key: string;
  read(): Promise<void>;
}

/**
 * Reads failed steps' logs after their runs were written, a few at a time, so a large sync
 * (a new leader's first, a full sync of old failures) does not wait for hundreds of log
 * requests. A read that fails is logged and dropped: the run keeps the diagnosis it was
 * written with, marked as made without logs.
 */
export class BackgroundLogReads {
  private readonly limit;
  private readonly queued = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly logger: LoggerService, concurrency: number) {
    this.limit = pLimit(concurrency);
  }

  /** Queues a run's log read; false when that run is already queued. */
  enqueue(job: DeferredLogRead): boolean {
    if (this.queued.has(job.key)) return false;
    this.queued.add(job.key);
    const done = this.limit(() => job.read())
      .catch(error =>
        this.logger.warn(
          `logs of ${job.key} not read, its diagnosis stays without them: ${error}`,
        ),
      )
      .finally(() => {
        this.queued.delete(job.key);
        this.inFlight.delete(done);
      });
    this.inFlight.add(done);
    return true;
  }

  /** Runs waiting or being read. */
  get size(): number {
    return this.queued.size;
  }

  /** Resolves when every read queued so far (and any queued meanwhile) is done. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
