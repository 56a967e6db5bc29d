/* Readers of PipelineRun spec fields (v1 and v1beta1 shapes). */
import { PodSecurityContextSummary, WorkspaceBindingSummary } from './types';
import {
  asArray,
  asBoolean,
  asNumber,
  asRecord,
  asString,
  getPath,
  UnknownRecord,
} from './objectReaders';

/** The pod security context of a pod template (`fsGroup`, `runAsUser`...). */
export function readSecurityContext(
  podTemplate: unknown,
): PodSecurityContextSummary | undefined {
  const context = asRecord(getPath(podTemplate, 'securityContext'));
  if (!context) {
    return undefined;
  }
  const out: PodSecurityContextSummary = {};
  const fsGroup = asNumber(context.fsGroup);
  const runAsUser = asNumber(context.runAsUser);
  const runAsGroup = asNumber(context.runAsGroup);
  const runAsNonRoot = asBoolean(context.runAsNonRoot);
  const supplementalGroups = asArray(context.supplementalGroups)
    .map(asNumber)
    .filter((g): g is number => g !== undefined);
  if (fsGroup !== undefined) out.fsGroup = fsGroup;
  if (runAsUser !== undefined) out.runAsUser = runAsUser;
  if (runAsGroup !== undefined) out.runAsGroup = runAsGroup;
  if (runAsNonRoot !== undefined) out.runAsNonRoot = runAsNonRoot;
  if (supplementalGroups.length) out.supplementalGroups = supplementalGroups;
  return out;
}

const VOLUME_KINDS = ['emptyDir', 'configMap', 'secret', 'csi', 'projected'];

/** `spec.workspaces` of a run, or undefined when it binds none. */
export function readWorkspaces(
  spec: UnknownRecord | undefined,
): WorkspaceBindingSummary[] | undefined {
  const out: WorkspaceBindingSummary[] = [];
  for (const entry of asArray(spec?.workspaces)) {
    const binding = asRecord(entry);
    const name = asString(binding?.name);
    if (!binding || !name) {
      continue;
    }
    const workspace: WorkspaceBindingSummary = { name };
    const claimName = asString(
      getPath(binding, 'persistentVolumeClaim', 'claimName'),
    );
    if (claimName) {
      workspace.claimName = claimName;
    }
    if (asRecord(binding.volumeClaimTemplate)) {
      workspace.volumeClaimTemplate = true;
    }
    const kind = VOLUME_KINDS.find(k => binding[k] !== undefined);
    if (kind) {
      workspace.volumeKind = kind;
    }
    out.push(workspace);
  }
  return out.length ? out : undefined;
}
