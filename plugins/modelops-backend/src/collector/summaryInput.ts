import { createHash } from 'node:crypto';
import { defaultTriggerSources } from '@private-ai/plugin-modelops-common';
import { KubernetesObject } from '@private-ai/plugin-modelops-node';
import { leanForJoin } from './leanForJoin';

/**
 * The annotations of a PipelineRun the summary reads: those the trigger sources the collector
 * interprets with (the defaults) take `triggeredBy` from. The defaults' `format` functions read
 * the value and labels only. Every label is read (the summary keeps them all).
 */
const READ_RUN_ANNOTATIONS = new Set(
  defaultTriggerSources
    .filter(source => source.from === 'annotation')
    .map(source => source.key),
);

const digest = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('base64');

/**
 * What a PipelineRun gives its summary, as a digest: the whole object but its
 * `resourceVersion`, `managedFields` and the annotations the summary does not read (Tekton
 * Results' or Chains' marks, `kubectl` notes). Two versions with the same digest have the same
 * summary, given the same TaskRuns. What is left out is only what is surely not read: a field
 * read that is not left out costs a summary, never a missed change.
 */
export function pipelineRunInput(run: KubernetesObject): string {
  const {
    resourceVersion: _version,
    managedFields: _managed,
    annotations,
    ...metadata
  } = run.metadata ?? {};
  const read = Object.entries(annotations ?? {}).filter(([key]) =>
    READ_RUN_ANNOTATIONS.has(key),
  );
  return digest({
    ...run,
    metadata: { ...metadata, annotations: Object.fromEntries(read) },
  });
}

/**
 * What a TaskRun gives the summary of its run, as a digest: the TaskRun as joined
 * ({@link leanForJoin}) but its `resourceVersion` and annotations (the summary reads no
 * TaskRun annotation).
 */
export function taskRunInput(taskRun: KubernetesObject): string {
  const lean = leanForJoin(taskRun);
  const {
    resourceVersion: _version,
    annotations: _annotations,
    ...metadata
  } = lean.metadata ?? {};
  return digest({ ...lean, metadata });
}
