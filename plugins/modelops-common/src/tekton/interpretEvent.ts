import { EventSummary, PipelineRunSummary, TaskSummary } from './types';
import {
  asNumber,
  asRecord,
  asString,
  asTimestamp,
  bound,
  MAX_MESSAGE_CHARS,
} from './objectReaders';

/** Most events kept per task: the newest win. @public */
export const MAX_TASK_EVENTS = 10;

/**
 * Reads a Kubernetes Event (core `v1` with `involvedObject`/`message`, or
 * `events.k8s.io/v1` with `regarding`/`note`). Undefined for anything without a reason
 * or a message.
 * @public
 */
export function interpretEvent(event: unknown): EventSummary | undefined {
  const record = asRecord(event);
  if (!record) {
    return undefined;
  }
  const involved =
    asRecord(record.involvedObject) ?? asRecord(record.regarding);
  const reason = asString(record.reason);
  const message = asString(record.message) ?? asString(record.note);
  if (!reason && !message) {
    return undefined;
  }
  const summary: EventSummary = {
    kind: asString(involved?.kind),
    name: asString(involved?.name),
    type: asString(record.type),
    reason,
    message: message ? bound(message.trim(), MAX_MESSAGE_CHARS) : undefined,
    count:
      asNumber(record.count) ??
      asNumber(asRecord(record.series)?.count) ??
      asNumber(record.deprecatedCount),
    lastSeenAt:
      asTimestamp(record.lastTimestamp) ??
      asTimestamp(asRecord(record.series)?.lastObservedTime) ??
      asTimestamp(record.eventTime) ??
      asTimestamp(record.firstTimestamp),
  };
  for (const key of Object.keys(summary) as Array<keyof EventSummary>) {
    if (summary[key] === undefined) {
      delete summary[key];
    }
  }
  return summary;
}

function sameEvent(a: EventSummary, b: EventSummary): boolean {
  return (
    a.kind === b.kind &&
    a.name === b.name &&
    a.reason === b.reason &&
    a.message === b.message
  );
}

/**
 * Merges events read now with events kept from earlier reads (the cluster forgets
 * events after an hour; the history must not). Newest last, bounded.
 * @public
 */
export function mergeEvents(
  kept: readonly EventSummary[] | undefined,
  read: readonly EventSummary[] | undefined,
): EventSummary[] | undefined {
  const out: EventSummary[] = [];
  for (const event of [...(kept ?? []), ...(read ?? [])]) {
    const index = out.findIndex(e => sameEvent(e, event));
    if (index >= 0) {
      out.splice(index, 1);
    }
    out.push(event);
  }
  return out.length ? out.slice(-MAX_TASK_EVENTS) : undefined;
}

/** The events (already interpreted) that concern a task: its pod's and its TaskRun's. @public */
export function eventsOfTask(
  task: Pick<TaskSummary, 'podName' | 'taskRunName' | 'pod'>,
  events: readonly EventSummary[],
): EventSummary[] {
  const pods = new Set(
    [task.podName, task.pod?.name].filter((n): n is string => !!n),
  );
  return events.filter(
    e =>
      e.name !== undefined &&
      ((e.kind !== 'TaskRun' && pods.has(e.name)) ||
        (e.kind !== 'Pod' && e.name === task.taskRunName)),
  );
}

/**
 * The summary with the events of each task's pod and TaskRun attached (merged with the
 * ones it already holds). Raw Events of the namespace go in; the rest are ignored.
 * @public
 */
export function attachEvents(
  summary: PipelineRunSummary,
  rawEvents: readonly unknown[],
): PipelineRunSummary {
  const events = rawEvents
    .map(interpretEvent)
    .filter((e): e is EventSummary => e !== undefined);
  if (events.length === 0) {
    return summary;
  }
  return {
    ...summary,
    tasks: summary.tasks.map(task => {
      const own = eventsOfTask(task, events);
      if (own.length === 0) {
        return task;
      }
      return { ...task, events: mergeEvents(task.events, own) };
    }),
  };
}
