import { durationToMilliseconds, HumanDuration } from '@backstage/types';

/** Time kept between the end of a watch slice and the lock's timeout, for the last writes. */
const MARGIN_MS = 10_000;

/**
 * How long the leader watches per turn of its global task: the lock's timeout minus a margin
 * (at least half the timeout), so the task returns and releases the lock before it expires.
 */
export function watchSliceMs(lockTimeout: HumanDuration): number {
  const timeoutMs = durationToMilliseconds(lockTimeout);
  return Math.max(timeoutMs - MARGIN_MS, timeoutMs / 2);
}
