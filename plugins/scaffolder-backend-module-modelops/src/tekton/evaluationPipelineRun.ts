import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_REGISTERED_MODEL,
  entityNameOf,
  LABEL_MODEL_VERSION,
} from '@private-ai/plugin-modelops-common';
import { TektonObject } from './types';

/** Name of the evaluation Pipeline. */
export const EVALUATION_PIPELINE_NAME = 'model-evaluation';

/** guidellm load profiles the evaluation pipeline knows. */
export const GUIDELLM_PROFILES = [
  'sweep',
  'synchronous',
  'throughput',
  'concurrent',
  'constant',
  'poisson',
] as const;

/** What the evaluation template collects, resolved against the catalog, registry and cluster. */
export interface EvaluationInput {
  namespace: string;
  /** KServe InferenceService that serves the version. */
  vllmModelName: string;
  modelName: string;
  versionName: string;
  lmEvalTasks: string[];
  guidellmProfile: string;
  /** Lowest acceptable lm-eval average accuracy, 0..1. */
  minAccuracy?: number;
  /** Highest acceptable p90 time to first token, in milliseconds. */
  maxTtftP90Ms?: number;
  serviceAccount: string;
}

/** The evaluation run whose `model_name`, `version_name` and `vllm_model_name` were checked to exist. */
export function evaluationPipelineRun(input: EvaluationInput): TektonObject {
  const entity = entityNameOf(input.modelName);
  const params: Array<{ name: string; value: string }> = [
    { name: 'vllm_model_name', value: input.vllmModelName },
    { name: 'model_name', value: input.modelName },
    { name: 'version_name', value: input.versionName },
    { name: 'lm_eval_tasks', value: input.lmEvalTasks.join(',') },
    { name: 'guidellm_profile', value: input.guidellmProfile },
  ];
  if (input.minAccuracy !== undefined)
    params.push({ name: 'min_accuracy', value: String(input.minAccuracy) });
  if (input.maxTtftP90Ms !== undefined)
    params.push({ name: 'max_ttft_p90_ms', value: String(input.maxTtftP90Ms) });
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: {
      generateName: `${input.vllmModelName
        .slice(0, 45)
        .replace(/[-.]+$/, '')}-eval-`,
      namespace: input.namespace,
      labels: {
        [ANNOTATION_KUBERNETES_ID]: entity,
        [LABEL_MODEL_VERSION]: input.versionName,
      },
      annotations: { [ANNOTATION_REGISTERED_MODEL]: input.modelName },
    },
    spec: {
      pipelineRef: { name: EVALUATION_PIPELINE_NAME },
      params,
      timeouts: { pipeline: '3h0m0s' },
      taskRunTemplate: { serviceAccountName: input.serviceAccount },
    },
  };
}
