import { PlanStatus, TaskPlan } from './tekton/runPlan';

/** One task in a timeline: its duration, and how it ended if not Succeeded. @public */
export type TimelineEntry = [
  name: string,
  seconds: number,
  overrides?: Partial<TaskPlan>,
];

/** Seconds Tekton takes between one task finishing and the next starting. */
const GAP_SECONDS = 7;

/**
 * Lays tasks one after the other (the pipelines run serially): each starts a few seconds
 * after the previous one ends. Entries default to Succeeded.
 * @public
 */
export function sequentialTasks(
  entries: TimelineEntry[],
  firstStartSec = 3,
): Record<string, TaskPlan> {
  const out: Record<string, TaskPlan> = {};
  let at = firstStartSec;
  for (const [name, seconds, overrides] of entries) {
    out[name] = {
      status: 'Succeeded' as PlanStatus,
      startSec: at,
      durationSec: seconds,
      ...overrides,
    };
    at += seconds + GAP_SECONDS;
  }
  return out;
}

/** Where the last task of a timeline ends, in seconds after the run start. @public */
export function timelineEnd(tasks: Record<string, TaskPlan>): number {
  return (
    Math.max(0, ...Object.values(tasks).map(t => t.startSec + t.durationSec)) +
    2
  );
}

/** Durations of a healthy ModelCar run. @public */
export const healthyDurations = {
  quantized: {
    download: 382,
    build: 764,
    pushInternal: 143,
    pushQuay: 331,
    register: 41,
  },
  fp16: {
    download: 566,
    build: 6612,
    pushInternal: 287,
    pushQuay: 608,
    register: 47,
  },
};

/** Minutes and hours as milliseconds. @public */
export const MINUTE = 60_000;
/** @public */
export const HOUR = 60 * MINUTE;
/** @public */
export const DAY = 24 * HOUR;
