export * from './types';
export {
  buildDiagnosisFacts,
  blockingMessagePatterns,
  taskStepsRan,
} from './facts';
export {
  matchTexts,
  matchesAny,
  captureFromEvidence,
  describeWhere,
  evidenceTasks,
  paramNameOf,
  paramsMatching,
  podTemplatePath,
  serviceAccountPath,
  MAX_EVIDENCE,
  MAX_EVIDENCE_LINES,
  MAX_EVIDENCE_TEXT,
} from './matchers';
export type { MatchTextsOptions } from './matchers';
export * from './rules/runOutcomeRules';
export * from './rules/podRules';
export * from './rules/credentialRules';
export * from './rules/workspaceRules';
export * from './rules/huggingFaceRules';
export * from './rules/schedulingRules';
export * from './rules/serviceRules';
export * from './rules/storageRules';
export * from './rules/earlierTaskRules';
export { defaultDiagnosisRules } from './defaultDiagnosisRules';
export {
  unknownDiagnosis,
  tellingLines,
  UNKNOWN_DIAGNOSIS_CODE,
} from './unknownDiagnosis';
export { diagnoseSummary, diagnosePipelineRun } from './diagnose';
export type { DiagnosePipelineRunContext } from './diagnose';
export { diagnoseRegistration } from './registration';
export type { RegistrationLookup } from './registration';
export {
  parseFailureCauses,
  failureCauseRule,
  failureCauseSnippet,
  draftFailureCause,
  FailureCauseConfigError,
} from './knowledgeBase';
export type { FailureCause, FailureCauseMatch } from './knowledgeBase';
