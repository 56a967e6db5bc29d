import { SchedulerService } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';
import { watchSliceMs } from './watchSlice';

/** Something that watches clusters for a while and then returns. */
export interface SliceWatcher {
  watchFor(signal: AbortSignal, ms: number): Promise<void>;
}

/**
 * Runs a watcher on one replica only: the holder of the global task's lock watches. It gives the
 * lock back a little before the lock's timeout and takes it again at once (frequency 1 s); the
 * watcher's informers resume where they stopped. A dead holder's lock expires after `lockTimeout`.
 */
export function scheduleLeaderWatch(
  scheduler: SchedulerService,
  options: { id: string; lockTimeout: HumanDuration; watcher: SliceWatcher },
): Promise<void> {
  const { id, lockTimeout, watcher } = options;
  return scheduler.scheduleTask({
    id,
    frequency: { seconds: 1 },
    timeout: lockTimeout,
    scope: 'global',
    fn: signal => watcher.watchFor(signal, watchSliceMs(lockTimeout)),
  });
}
