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
  podAdmissionFailedRule,
  podEvictedRule,
  podUnschedulableRule,
  resourceQuotaExceededRule,
  volumeMountFailedRule,
} from './rules/schedulingRules';
import {
  imageRegistryUnreachableRule,
  inferenceEndpointUnavailableRule,
  modelRegistryUnreachableRule,
  registryVersionExistsRule,
} from './rules/serviceRules';
import { diskFullRule } from './rules/storageRules';
import { incompleteDownloadRule } from './rules/earlierTaskRules';
import {
  hfAuthFailedRule,
  hfRateLimitedRule,
  hfCliMissingRule,
  hfRepoNotFoundRule,
  hfTlsFailedRule,
} from './rules/huggingFaceRules';

/**
 * The built-in rules, in the order they are tried. The order follows what happens first:
 * outcomes Tekton states itself (cancelled, a missing pipeline); then why a pod never ran
 * a step (refused at admission or by the quota, a volume being deleted, not scheduled, a
 * volume not mounted, an image not pulled, evicted), which also explains a timeout that
 * follows; then the timeout and a missing Task (a finally task that found no time left is
 * not the cause); then causes read from messages and logs, most specific first, with a
 * download that broke off in an earlier task before the later task's missing-file
 * symptom; a generic "gave up waiting for the archive" comes last because it is usually
 * the symptom of one of the others. Only the digest mismatch and the push race
 * (`appliesTo: 'any'`) are also tried on runs Tekton calls Succeeded.
 * @public
 */
export const defaultDiagnosisRules: readonly DiagnosisRule[] = Object.freeze([
  cancelledRule,
  pipelineNotFoundRule,
  podAdmissionFailedRule,
  resourceQuotaExceededRule,
  pvcTerminatingRule,
  podUnschedulableRule,
  volumeMountFailedRule,
  imagePullFailedRule,
  ephemeralStorageEvictedRule,
  podEvictedRule,
  timeoutRule,
  taskNotFoundRule,
  oomKilledRule,
  diskFullRule,
  incompleteDownloadRule,
  saTokenExpiredRule,
  workspacePermissionDeniedRule,
  hfTlsFailedRule,
  hfRepoNotFoundRule,
  hfRateLimitedRule,
  hfAuthFailedRule,
  hfCliMissingRule,
  registryVersionExistsRule,
  modelRegistryUnreachableRule,
  registryAuthFailedRule,
  imageRegistryUnreachableRule,
  inferenceEndpointUnavailableRule,
  parallelPushRaceRule,
  digestMismatchRule,
  retryExhaustedRule,
]);
