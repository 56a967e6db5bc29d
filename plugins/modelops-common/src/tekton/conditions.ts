import { RunStatus } from './types';
import {
  asArray,
  asRecord,
  asString,
  bound,
  MAX_MESSAGE_CHARS,
} from './objectReaders';

/** The `Succeeded` condition of a Tekton object, read tolerantly. @public */
export interface SucceededCondition {
  /** `True`, `False`, `Unknown`, or whatever the object said. */
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** Reads `status.conditions[type=Succeeded]`. @public */
export function readSucceededCondition(
  status: unknown,
): SucceededCondition | undefined {
  const conditions = asArray(asRecord(status)?.conditions);
  for (const entry of conditions) {
    const condition = asRecord(entry);
    if (!condition || condition.type !== 'Succeeded') {
      continue;
    }
    const message = asString(condition.message);
    return {
      status: asString(condition.status),
      reason: asString(condition.reason),
      message: message ? bound(message, MAX_MESSAGE_CHARS) : undefined,
      lastTransitionTime: asString(condition.lastTransitionTime),
    };
  }
  return undefined;
}

/**
 * Reasons Tekton gives with condition status `False`, and what they mean to us.
 * A reason not listed here means `Failed`.
 * @public
 */
export const falseReasonStatus: Readonly<Record<string, RunStatus>> =
  Object.freeze({
    Failed: 'Failed',
    PipelineRunTimeout: 'TimedOut',
    TaskRunTimeout: 'TimedOut',
    Cancelled: 'Cancelled',
    PipelineRunCancelled: 'Cancelled',
    CancelledRunFinally: 'Cancelled',
    StoppedRunFinally: 'Cancelled',
    TaskRunCancelled: 'Cancelled',
  });

/**
 * Reasons Tekton gives with condition status `Unknown`. A reason not listed here means `Running`.
 * @public
 */
export const unknownReasonStatus: Readonly<Record<string, RunStatus>> =
  Object.freeze({
    Running: 'Running',
    Started: 'Running',
    ToBeRetried: 'Running',
    // Graceful cancel or stop: finally tasks still run.
    CancelledRunningFinally: 'Running',
    StoppedRunningFinally: 'Running',
    PipelineRunStopping: 'Running',
    Pending: 'Pending',
    PipelineRunPending: 'Pending',
    TaskRunPending: 'Pending',
  });

/** `spec.status` values that ask Tekton to cancel or stop a PipelineRun. @public */
export const cancelSpecStatuses: readonly string[] = Object.freeze([
  'Cancelled',
  'CancelledRunFinally',
  'StoppedRunFinally',
  // Deprecated v1beta1 spelling.
  'PipelineRunCancelled',
]);

/** `spec.status` that holds a PipelineRun before it starts. @public */
export const PENDING_SPEC_STATUS = 'PipelineRunPending';

/** True for a status that will not change any more. @public */
export function isFinalStatus(status: RunStatus): boolean {
  return (
    status === 'Succeeded' ||
    status === 'Failed' ||
    status === 'Cancelled' ||
    status === 'TimedOut'
  );
}

/** True for a status that means the work did not complete. @public */
export function isFailedStatus(status: RunStatus): boolean {
  return status === 'Failed' || status === 'TimedOut';
}

/**
 * The normalised status a `Succeeded` condition gives, or undefined when the condition
 * is absent or its status is not one Tekton writes.
 * @public
 */
export function statusFromCondition(
  condition: SucceededCondition | undefined,
): RunStatus | undefined {
  if (!condition) {
    return undefined;
  }
  switch (condition.status) {
    case 'True':
      return 'Succeeded';
    case 'False':
      return lookup(falseReasonStatus, condition.reason) ?? 'Failed';
    case 'Unknown':
      return lookup(unknownReasonStatus, condition.reason) ?? 'Running';
    default:
      return undefined;
  }
}

function lookup(
  table: Readonly<Record<string, RunStatus>>,
  key: string | undefined,
): RunStatus | undefined {
  return key !== undefined && Object.prototype.hasOwnProperty.call(table, key)
    ? table[key]
    : undefined;
}
