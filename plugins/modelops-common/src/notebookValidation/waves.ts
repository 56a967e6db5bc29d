import { NotebookJobPhase, NotebookJobSummary } from './types';

/** Jobs of one sync wave with their count per phase. @public */
export interface NotebookWave<
  T extends Pick<NotebookJobSummary, 'wave' | 'phase'> = NotebookJobSummary,
> {
  /** The wave number; undefined groups jobs without a (numeric) sync-wave annotation. */
  wave?: number;
  jobs: T[];
  counts: Partial<Record<NotebookJobPhase, number>>;
  /** True for the first wave (lowest number) with a failed job: later waves wait for it. */
  firstFailing: boolean;
}

/**
 * Groups jobs by Argo CD sync wave, lowest wave first and jobs without a wave last, and marks the
 * first wave with a failed job.
 * @public
 */
export function groupByWave<
  T extends Pick<NotebookJobSummary, 'wave' | 'phase' | 'name'>,
>(jobs: T[]): NotebookWave<T>[] {
  const byWave = new Map<number | undefined, T[]>();
  for (const job of jobs)
    byWave.set(job.wave, [...(byWave.get(job.wave) ?? []), job]);
  const waves = [...byWave.entries()]
    .sort(
      ([a], [b]) =>
        (a ?? Number.MAX_SAFE_INTEGER) - (b ?? Number.MAX_SAFE_INTEGER),
    )
    .map(([wave, members]) => {
      const counts: Partial<Record<NotebookJobPhase, number>> = {};
      for (const job of members)
        counts[job.phase] = (counts[job.phase] ?? 0) + 1;
      return {
        wave,
        jobs: [...members].sort((x, y) => x.name.localeCompare(y.name)),
        counts,
        firstFailing: false,
      };
    });
  const firstFailing = waves.find(w => (w.counts.Failed ?? 0) > 0);
  if (firstFailing) firstFailing.firstFailing = true;
  return waves;
}
