import { KubeObject } from './types';

/**
 * Conversion between Tekton's storage version `tekton.dev/v1` and `tekton.dev/v1beta1`,
 * for the fields that differ in PipelineRuns and TaskRuns (what Tekton's conversion webhook
 * does): the service account and pod template of a PipelineRun (`spec.taskRunTemplate` in
 * v1, `spec.serviceAccountName` / `spec.podTemplate` in v1beta1), and results
 * (`status.results` in v1, `status.pipelineResults` / `status.taskResults` in v1beta1).
 */

type Json = Record<string, unknown>;

function record(value: unknown): Json | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

function renameKey(
  object: Json | undefined,
  from: string,
  to: string,
): Json | undefined {
  if (!object || !(from in object)) {
    return object;
  }
  const { [from]: value, ...rest } = object;
  return { ...rest, [to]: value };
}

/** A v1 Tekton object as v1beta1. Other kinds only change apiVersion. @public */
export function tektonToV1beta1(object: KubeObject): KubeObject {
  const out: KubeObject = { ...object, apiVersion: 'tekton.dev/v1beta1' };
  if (object.kind === 'PipelineRun') {
    const spec = record(object.spec);
    if (spec) {
      const { taskRunTemplate, ...rest } = spec;
      const template = record(taskRunTemplate);
      out.spec = {
        ...rest,
        ...(template?.serviceAccountName !== undefined
          ? { serviceAccountName: template.serviceAccountName }
          : {}),
        ...(template?.podTemplate !== undefined
          ? { podTemplate: template.podTemplate }
          : {}),
      };
    }
    const status = renameKey(
      record(object.status),
      'results',
      'pipelineResults',
    );
    if (status) {
      out.status = status;
    }
  }
  if (object.kind === 'TaskRun') {
    const status = renameKey(record(object.status), 'results', 'taskResults');
    if (status) {
      out.status = status;
    }
  }
  return out;
}

/** A v1beta1 Tekton object as v1 (for writes through the v1beta1 API). @public */
export function tektonToV1(object: KubeObject): KubeObject {
  const out: KubeObject = { ...object, apiVersion: 'tekton.dev/v1' };
  if (object.kind === 'PipelineRun') {
    const spec = record(object.spec);
    if (spec) {
      const { serviceAccountName, podTemplate, timeout, ...rest } = spec;
      const template = {
        ...(record(rest.taskRunTemplate) ?? {}),
        ...(serviceAccountName !== undefined ? { serviceAccountName } : {}),
        ...(podTemplate !== undefined ? { podTemplate } : {}),
      };
      out.spec = {
        ...rest,
        ...(Object.keys(template).length ? { taskRunTemplate: template } : {}),
        ...(timeout !== undefined && rest.timeouts === undefined
          ? { timeouts: { pipeline: timeout } }
          : {}),
      };
    }
    const status = renameKey(
      record(object.status),
      'pipelineResults',
      'results',
    );
    if (status) {
      out.status = status;
    }
  }
  if (object.kind === 'TaskRun') {
    const status = renameKey(record(object.status), 'taskResults', 'results');
    if (status) {
      out.status = status;
    }
  }
  return out;
}
