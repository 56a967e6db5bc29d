import { DiagnosisRule } from './types';
import {
  cancelledRule,
  pipelineNotFoundRule,
  taskNotFoundRule,
  timeoutRule,
} from './rules/runOutcomeRules';
import {
  ephemeralStorageEvictedRule,
  imagePullFailedRule,
  oomKilledRule,
  pvcTerminatingRule,
} from './rules/podRules';
import {
  registryAuthFailedRule,
  saTokenExpiredRule,
} from './rules/credentialRules';
import {
  digestMismatchRule,
  parallelPushRaceRule,
  retryExhaustedRule,
  workspacePermissionDeniedRule,
} from './rules/workspaceRules';
import {
  hfAuthFailedRule,
  hfCliMissingRule,
  hfRepoNotFoundRule,
  hfTlsFailedRule,
} from './rules/huggingFaceRules';

/**
 * The built-in rules, in the order they are tried. The order matters: outcomes Tekton
 * states itself (cancelled, missing definitions) come first; then states of pods and
 * containers that explain everything after them (a volume being deleted, an image that
 * cannot be pulled, an eviction) and the timeout; then causes read from messages and logs,
 * most specific first; a generic "gave up after N attempts" comes last because it is
 * usually the symptom of one of the others. Only the digest mismatch and the push race
 * (`appliesTo: 'any'`) are also tried on runs Tekton calls Succeeded.
 * @public
 */
export const defaultDiagnosisRules: readonly DiagnosisRule[] = Object.freeze([
  cancelledRule,
  pipelineNotFoundRule,
  taskNotFoundRule,
  pvcTerminatingRule,
  imagePullFailedRule,
  ephemeralStorageEvictedRule,
  timeoutRule,
  oomKilledRule,
  saTokenExpiredRule,
  workspacePermissionDeniedRule,
  hfTlsFailedRule,
  hfRepoNotFoundRule,
  hfAuthFailedRule,
  hfCliMissingRule,
  registryAuthFailedRule,
  parallelPushRaceRule,
  digestMismatchRule,
  retryExhaustedRule,
]);
