import { DiagnosisEvidence } from '../../tekton/types';
import { DiagnosisFacts, DiagnosisRule, TaskFacts } from '../types';
import {
  captureFromEvidence,
  capitalize,
  compact,
  evidenceTasks,
  listOf,
  matchTexts,
  podTemplatePath,
  serviceAccountPath,
} from '../matchers';

/*
 * Causes of a task whose pod never ran a step: it was refused at admission (SCC, pod
 * security, quota), never scheduled, or never got its volumes. Such a task has no log;
 * the cause is in the TaskRun condition, the pod's conditions and the namespace Events.
 */

/** Messages of a pod refused at admission by an SCC or pod security. @public */
export const podAdmissionPatterns: readonly RegExp[] = Object.freeze([
  /unable to validate against any security context constraint/i,
  /violates PodSecurity "?[\w:.-]+"?/i,
  /\bis forbidden: .*(securityContext|runAsUser|fsGroup|privileged|scc|seLinux|capabilities)/i,
  /Invalid value: (\d+|"[^"]*"): must be in the ranges?:/i,
  /\bnot usable by user or serviceaccount\b/i,
]);

/** Messages of a pod refused because of a ResourceQuota or LimitRange. @public */
export const resourceQuotaPatterns: readonly RegExp[] = Object.freeze([
  /exceeded quota: [\w.-]+/i,
  /\bforbidden: failed quota\b/i,
  /maximum (cpu|memory|ephemeral-storage) usage per (Container|Pod) is/i,
  /must specify (limits|requests)\.(cpu|memory)/i,
]);

/** Scheduler messages of a pod no node can take. @public */
export const unschedulablePatterns: readonly RegExp[] = Object.freeze([
  /\d+\/\d+ nodes are available/i,
  /no nodes available to schedule pods/i,
  /pod has unbound immediate PersistentVolumeClaims/i,
  /TaskRun Pod exceeded available resources/i,
  /\bInsufficient (cpu|memory|nvidia\.com\/gpu|[\w.-]+\/[\w.-]+|ephemeral-storage)\b/i,
  /didn't match Pod's node affinity\/selector|node\(s\) had untolerated taint/i,
]);

/** Kubelet and attach-detach messages of a volume that could not be mounted. @public */
export const volumeMountPatterns: readonly RegExp[] = Object.freeze([
  /Multi-Attach error for volume/i,
  /Unable to attach or mount volumes/i,
  /MountVolume\.(SetUp|MountDevice|WaitForAttach) failed/i,
  /AttachVolume\.Attach failed/i,
  /timed out waiting for the condition.*volume/i,
  /FailedMount|FailedAttachVolume/,
]);

const ADMISSION_REASONS = ['PodAdmissionFailed', 'PodCreationFailed'];
const QUOTA_REASONS = ['ExceededResourceQuota'];
const UNSCHEDULABLE_REASONS = [
  'Unschedulable',
  'FailedScheduling',
  'ExceededNodeResources',
];
const VOLUME_REASONS = ['FailedMount', 'FailedAttachVolume'];

/** Tasks the rule may blame: failed or stopped tasks whose steps never ran. */
function neverRan(task: TaskFacts): boolean {
  return (
    !task.stepsRan &&
    (task.failed ||
      ['Cancelled', 'Running', 'Pending'].includes(task.task.status))
  );
}

function reasonEvidence(
  facts: DiagnosisFacts,
  reasons: readonly string[],
  patterns: readonly RegExp[],
  options: { onlyNeverRan: boolean },
): DiagnosisEvidence[] {
  const evidence: DiagnosisEvidence[] = [];
  for (const task of facts.tasks) {
    if (
      options.onlyNeverRan ? !neverRan(task) : !task.failed && task.stepsRan
    ) {
      continue;
    }
    if (task.task.reason && reasons.includes(task.task.reason)) {
      evidence.push(
        compact({
          source: 'condition',
          task: task.task.name,
          reason: task.task.reason,
          message: task.task.message,
        }),
      );
    }
    for (const condition of task.task.pod?.conditions ?? []) {
      if (condition.reason && reasons.includes(condition.reason)) {
        evidence.push(
          compact({
            source: 'pod',
            task: task.task.name,
            reason: condition.reason,
            message: `${condition.type}=${condition.status ?? '?'}${
              condition.message ? `: ${condition.message}` : ''
            }`,
          }),
        );
      }
    }
    for (const event of task.events) {
      if (
        (event.reason && reasons.includes(event.reason)) ||
        patterns.some(p => p.test(event.message ?? ''))
      ) {
        evidence.push(
          compact({
            source: 'event',
            task: task.task.name,
            reason: event.reason,
            message: event.message,
          }),
        );
      }
    }
  }
  if (evidence.length === 0) {
    evidence.push(
      ...matchTexts(facts, patterns, {
        sources: ['condition', 'pod', 'event', 'termination'],
        taskOnly: true,
        task: t => (options.onlyNeverRan ? neverRan(t) : true),
      }),
    );
  }
  return evidence;
}

function taskList(evidence: DiagnosisEvidence[]): string {
  const tasks = evidenceTasks(evidence);
  return tasks.length ? `task ${listOf(tasks.map(t => `\`${t}\``))}` : 'a task';
}

/** The pod was refused at admission: an SCC or pod security level rejects its security context. @public */
export const podAdmissionFailedRule: DiagnosisRule = {
  code: 'pod-admission-failed',
  title: "A task's pod was refused: its security context is not allowed",
  explanation: ({ facts, evidence }) => {
    const value = captureFromEvidence(
      evidence,
      /(?:runAsUser|fsGroup|supplementalGroups)[^:]*: Invalid value: (\d+)/i,
    );
    const field = captureFromEvidence(
      evidence,
      /\b(runAsUser|fsGroup|supplementalGroups|privileged|capabilities)\b/i,
    );
    const range = captureFromEvidence(
      evidence,
      /must be in the ranges?: \[?([\d, -]+)\]?/i,
    );
    const sa = facts.summary.serviceAccountName;
    return `Kubernetes refused to create the pod of ${taskList(
      evidence,
    )}, so no step ran and there is no log. ${
      field
        ? `The pod asks for \`${field}${value ? ` ${value}` : ''}\``
        : 'The pod asks for a security context'
    }${
      range ? ` but the namespace allows only \`${range}\`` : ''
    }, and no SecurityContextConstraint the service account${
      sa ? ` \`${sa}\`` : ''
    } may use permits it (OpenShift's \`restricted-v2\` assigns a UID from the namespace range and refuses a fixed one).`;
  },
  remediation: ({ facts }) => {
    const sa = facts.summary.serviceAccountName ?? '<service account>';
    const ns = facts.summary.namespace || '<namespace>';
    return `Either let the service account use an SCC that allows the fixed IDs: \`oc adm policy add-scc-to-user anyuid -z ${sa} -n ${ns}\` (\`${serviceAccountPath(
      facts,
    )}\`), or set \`runAsUser\`/\`fsGroup\` in \`${podTemplatePath(
      facts,
    )}.securityContext\` to values inside the namespace's ranges (\`oc get ns ${ns} -o yaml | grep sa.scc\`: \`openshift.io/sa.scc.uid-range\` and \`supplemental-groups\`).`;
  },
  match: facts => {
    const found = reasonEvidence(
      facts,
      ADMISSION_REASONS,
      podAdmissionPatterns,
      { onlyNeverRan: false },
    ).filter(
      e =>
        (e.reason && ADMISSION_REASONS.includes(e.reason)) ||
        podAdmissionPatterns.some(p => p.test(e.message ?? '')),
    );
    return found.length ? found : undefined;
  },
};

/** The pod was refused because the namespace's ResourceQuota (or LimitRange) is used up. @public */
export const resourceQuotaExceededRule: DiagnosisRule = {
  code: 'resource-quota-exceeded',
  title: "A task's pod was refused: the namespace quota is used up",
  explanation: ({ evidence }) => {
    const quota = captureFromEvidence(evidence, /exceeded quota: ([\w.-]+)/i);
    const requested = captureFromEvidence(
      evidence,
      /requested: ([^,]+(?:,[^,:]+=[^,]+)*)/i,
    );
    return `Kubernetes refused to create the pod of ${taskList(evidence)}${
      quota
        ? ` because ResourceQuota \`${quota}\` is exhausted`
        : ' because of the namespace ResourceQuota or LimitRange'
    }${
      requested ? ` (requested \`${requested.trim()}\`)` : ''
    }. Tekton retries until the task times out, so no step ran.`;
  },
  remediation: ({ facts }) => {
    const ns = facts.summary.namespace || '<namespace>';
    return `See what uses the quota (\`oc describe resourcequota -n ${ns}\`): finished pods of old runs do not count, running ones (and their PVCs) do. Lower the step's requests, run fewer runs at once, or ask the namespace admin for more quota.`;
  },
  match: facts => {
    const found = reasonEvidence(facts, QUOTA_REASONS, resourceQuotaPatterns, {
      onlyNeverRan: false,
    }).filter(
      e =>
        (e.reason && QUOTA_REASONS.includes(e.reason)) ||
        resourceQuotaPatterns.some(p => p.test(e.message ?? '')),
    );
    return found.length ? found : undefined;
  },
};

/** No node could take the pod (GPU, CPU, memory, selectors, taints, unbound volume). @public */
export const podUnschedulableRule: DiagnosisRule = {
  code: 'pod-unschedulable',
  title: "A task's pod was never scheduled on a node",
  explanation: ({ evidence }) => {
    const nodes = captureFromEvidence(
      evidence,
      /(\d+\/\d+ nodes are available[^.]*)/i,
    );
    const insufficient = captureFromEvidence(
      evidence,
      /Insufficient ([\w./-]+)/i,
    );
    return `The scheduler found no node for the pod of ${taskList(evidence)}${
      nodes ? ` ("${nodes}")` : ''
    }, so its steps never ran. ${
      insufficient
        ? `No node had enough free \`${insufficient}\`${
            /gpu/i.test(insufficient)
              ? ': every GPU is taken by other pods (served models, other runs) or the GPU nodes are not ready'
              : ''
          }.`
        : 'The nodes lack the resources, labels or tolerations the pod asks for, or its volume could not be bound.'
    }`;
  },
  remediation: ({ facts, evidence }) => {
    const task = evidenceTasks(evidence)[0] ?? '<task>';
    const ns = facts.summary.namespace || '<namespace>';
    return `Check what the pod asks for and what is free: \`oc describe pod -n ${ns} <pod>\` (Events) and \`oc describe nodes | grep -A8 Allocated\`. Free the resource (scale down an idle InferenceService), add capacity (machine set or autoscaler), or lower the requests of \`${task}\` (\`spec.taskRunSpecs[].computeResources\`); check \`nodeSelector\`/\`tolerations\` in \`${podTemplatePath(
      facts,
    )}\`.`;
  },
  match: facts => {
    const found = reasonEvidence(
      facts,
      UNSCHEDULABLE_REASONS,
      unschedulablePatterns,
      { onlyNeverRan: true },
    );
    return found.length ? found : undefined;
  },
};

/** The pod's volume could not be attached or mounted (Multi-Attach of a ReadWriteOnce volume, missing secret). @public */
export const volumeMountFailedRule: DiagnosisRule = {
  code: 'volume-mount-failed',
  title: "A task's pod could not mount its volume",
  explanation: ({ facts, evidence }) => {
    const multi = evidence.some(e => /Multi-Attach/i.test(e.message ?? ''));
    const volume = captureFromEvidence(evidence, /volume "([\w.-]+)"/i);
    const claim = facts.summary.workspaces?.find(w => w.claimName)?.claimName;
    return `The pod of ${taskList(evidence)} was scheduled but its ${
      volume ? `volume \`${volume}\`` : 'volume'
    } could not be ${multi ? 'attached' : 'mounted'}, so its steps never ran. ${
      multi
        ? `The volume is ReadWriteOnce and still attached to another node, where another pod (another run, or the previous task's pod on another node) uses it${
            claim ? ` (claim \`${claim}\`)` : ''
          }.`
        : 'A Secret or ConfigMap it mounts may be missing, or the storage backend failed.'
    }`;
  },
  remediation: ({ facts }) => {
    const ns = facts.summary.namespace || '<namespace>';
    return `Find the pod holding the volume (\`oc describe pvc -n ${ns} <claim>\`, "Used By") and let it finish. For a ReadWriteOnce workspace, keep all task pods of a run on one node (Tekton's affinity assistant, on by default; \`coschedule: workspaces\`) and give each run its own claim with a \`volumeClaimTemplate\`; or use a ReadWriteMany storage class.`;
  },
  match: facts => {
    const found = reasonEvidence(facts, VOLUME_REASONS, volumeMountPatterns, {
      onlyNeverRan: true,
    });
    return found.length ? found : undefined;
  },
};

/** The pod was evicted by the node (memory or disk pressure) and not for its own ephemeral storage. @public */
export const podEvictedRule: DiagnosisRule = {
  code: 'pod-evicted',
  title: "A task's pod was evicted from its node",
  explanation: ({ evidence }) => {
    const resource = captureFromEvidence(
      evidence,
      /low on resource: ([\w.-]+)/i,
    );
    return `${capitalize(
      taskList(evidence),
    )} stopped because the kubelet evicted its pod${
      resource ? ` (the node was low on \`${resource}\`)` : ''
    }. This is the node's state, not a bug in the step: other pods on the node used the resource too.`;
  },
  remediation: () =>
    'Re-run the task. Give its steps requests that match their real use (a pod using more than it requested is evicted first), or run it on nodes with more headroom.',
  match: facts => {
    const evidence: DiagnosisEvidence[] = [];
    for (const task of facts.failedTasks) {
      if (task.task.pod?.reason === 'Evicted') {
        evidence.push(
          compact({
            source: 'pod',
            task: task.task.name,
            reason: 'Evicted',
            message: task.task.pod.message,
          }),
        );
      }
      for (const event of task.events) {
        if (event.reason === 'Evicted') {
          evidence.push(
            compact({
              source: 'event',
              task: task.task.name,
              reason: event.reason,
              message: event.message,
            }),
          );
        }
      }
    }
    return evidence.length ? evidence : undefined;
  },
};
