export * from './types';
export { parseLmEvalResults } from './lmEvalResults';
export { parseGuidellmReport } from './guidellmReport';
export { parseLmEvalJob } from './lmEvalJob';
export type { LmEvalJobStatus } from './lmEvalJob';
export { readRegistryEvaluation } from './registryEvaluation';
export type { RegistryEvaluationInput } from './registryEvaluation';
export { readPipelineRunEvaluation } from './pipelineRunEvaluation';
export { toRegistryCustomProperties } from './registryProperties';
export type { MetadataValueToWrite } from './registryProperties';
export { parseThresholds } from './thresholds';
export type { Threshold } from './thresholds';
export { evaluateGate } from './gate';
export type { GateCheck, GateResult } from './gate';
export {
  BUILD_RECORD_KEYS,
  PERFORMANCE_METRIC_KEY,
  whyNotEvaluationMetricKey,
} from './metricKeys';
