import { PodStatusSummary, RunStatus } from './types';
import {
  asArray,
  asNumber,
  asRecord,
  asString,
  bound,
  getPath,
  MAX_MESSAGE_CHARS,
} from './objectReaders';

const MAX_POD_ENTRIES = 20;

/**
 * What a pod says about itself that matters for a failed task: phase, reason
 * (`Evicted`), message, the conditions that are not True and the container states that
 * carry a reason. Undefined for something that is not an object with a name.
 * @public
 */
export function interpretPod(pod: unknown): PodStatusSummary | undefined {
  const name = asString(getPath(pod, 'metadata', 'name'));
  if (!name) {
    return undefined;
  }
  const status = asRecord(getPath(pod, 'status'));
  const message = asString(status?.message);
  const conditions: NonNullable<PodStatusSummary['conditions']> = [];
  for (const entry of asArray(status?.conditions)) {
    const condition = asRecord(entry);
    const type = asString(condition?.type);
    if (!condition || !type || condition.status === 'True') {
      continue;
    }
    const conditionMessage = asString(condition.message);
    conditions.push({
      type,
      status: asString(condition.status),
      reason: asString(condition.reason),
      message: conditionMessage
        ? bound(conditionMessage, MAX_MESSAGE_CHARS)
        : undefined,
    });
  }
  const containers: NonNullable<PodStatusSummary['containers']> = [];
  for (const entry of [
    ...asArray(status?.initContainerStatuses),
    ...asArray(status?.containerStatuses),
  ]) {
    const container = asRecord(entry);
    const containerName = asString(container?.name);
    const state = asRecord(container?.state);
    if (!containerName || !state) {
      continue;
    }
    for (const kind of ['terminated', 'waiting', 'running'] as const) {
      const detail = asRecord(state[kind]);
      if (!detail) {
        continue;
      }
      const reason = asString(detail.reason);
      const detailMessage = asString(detail.message);
      if (kind !== 'running' && !reason && !detailMessage) {
        continue;
      }
      containers.push({
        name: containerName,
        state: kind,
        reason,
        message: detailMessage
          ? bound(detailMessage, MAX_MESSAGE_CHARS)
          : undefined,
        exitCode: kind === 'terminated' ? asNumber(detail.exitCode) : undefined,
      });
      break;
    }
  }
  return {
    name,
    phase: asString(status?.phase),
    reason: asString(status?.reason),
    message: message ? bound(message, MAX_MESSAGE_CHARS) : undefined,
    conditions: conditions.length
      ? conditions.slice(0, MAX_POD_ENTRIES)
      : undefined,
    containers: containers.length
      ? containers.slice(0, MAX_POD_ENTRIES)
      : undefined,
  };
}

/** A pod phase as a run status. @public */
export function statusFromPodPhase(phase: string | undefined): RunStatus {
  switch (phase) {
    case 'Succeeded':
      return 'Succeeded';
    case 'Failed':
      return 'Failed';
    case 'Running':
      return 'Running';
    case 'Pending':
      return 'Pending';
    default:
      return 'Unknown';
  }
}
