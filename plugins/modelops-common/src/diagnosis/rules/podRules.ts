import { DiagnosisEvidence } from '../../tekton/types';
import { DiagnosisRule, TaskFacts } from '../types';
import {
  captureFromEvidence,
  compact,
  describeWhere,
  evidenceTasks,
  listOf,
  matchTexts,
} from '../matchers';

/** Messages of a workspace PVC that is being deleted. @public */
export const pvcTerminatingPatterns: readonly RegExp[] = Object.freeze([
  // Tekton quotes pod messages with %q, so inner quotes may come escaped (\").
  /persistentvolumeclaims? \\?"?([\w.-]+)\\?"? is being deleted/i,
  /persistentvolumeclaims? \\?"?([\w.-]+)\\?"?.*\bterminating\b/i,
  /\bpvc \\?"?([\w.-]+)\\?"? (is )?(in )?terminating/i,
  /object is being deleted: persistentvolumeclaims \\?"([\w.-]+)/i,
]);

/** Waiting reasons and messages of a step whose image cannot be pulled. @public */
export const imagePullReasons: readonly string[] = Object.freeze([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'TaskRunImagePullFailed',
]);

/** @public */
export const imagePullPatterns: readonly RegExp[] = Object.freeze([
  /Back-off pulling image/i,
  /Failed to pull image/i,
  /failed to pull the image/i,
  /manifest unknown/i,
  /\bErrImagePull\b|\bImagePullBackOff\b/,
]);

/** Messages of a pod evicted for ephemeral storage. @public */
export const ephemeralStoragePatterns: readonly RegExp[] = Object.freeze([
  /low on resource: ephemeral-storage/i,
  /ephemeral local storage usage exceeds/i,
  /exceeded its local ephemeral storage limit/i,
  /Usage of EmptyDir volume "[^"]+" exceeds the limit/i,
]);

function taskWithStepReason(
  task: TaskFacts,
  reasons: readonly string[],
): DiagnosisEvidence[] {
  const out: DiagnosisEvidence[] = [];
  for (const { step } of task.steps) {
    if (step.reason && reasons.includes(step.reason)) {
      out.push(
        compact({
          source: 'termination',
          task: task.task.name,
          step: step.name,
          exitCode: step.exitCode,
          reason: step.reason,
          message: step.message,
        }),
      );
    }
  }
  for (const container of task.task.pod?.containers ?? []) {
    const stepName = container.name.replace(/^step-/, '');
    if (
      container.reason &&
      reasons.includes(container.reason) &&
      !out.some(e => e.step === stepName)
    ) {
      out.push(
        compact({
          source: 'pod',
          task: task.task.name,
          step: stepName,
          exitCode: container.exitCode,
          reason: container.reason,
          message: container.message,
        }),
      );
    }
  }
  return out;
}

/** The workspace PVC is stuck in Terminating. @public */
export const pvcTerminatingRule: DiagnosisRule = {
  code: 'pvc-terminating',
  title: 'The workspace volume is being deleted',
  explanation: ({ facts, evidence }) => {
    const claim =
      captureFromEvidence(
        evidence,
        /persistentvolumeclaims? \\?"?([\w.-]+)/i,
      ) ??
      captureFromEvidence(evidence, /pvc \\?"?([\w.-]+)/i) ??
      facts.summary.workspaces?.find(w => w.claimName)?.claimName;
    return `The PersistentVolumeClaim${
      claim ? ` \`${claim}\`` : ''
    } that the run's workspace is bound to is in \`Terminating\`: Kubernetes keeps it (finalizer \`kubernetes.io/pvc-protection\`) until no pod uses it, and schedules no new pod on it, so ${describeWhere(
      evidence,
    )} cannot start.`;
  },
  remediation: ({ facts, evidence }) => {
    const claim =
      captureFromEvidence(
        evidence,
        /persistentvolumeclaims? \\?"?([\w.-]+)/i,
      ) ??
      facts.summary.workspaces?.find(w => w.claimName)?.claimName ??
      '<claim>';
    const ns = facts.summary.namespace || '<namespace>';
    return `Find the pods still using it (\`oc get pods -n ${ns} -o wide\`, \`oc describe pvc ${claim} -n ${ns}\` lists them under "Used By"), let the old run finish or delete its pods, then create the claim again. To stop runs sharing one claim, bind the workspace with a \`volumeClaimTemplate\` in the PipelineRun so every run gets its own PVC, sized for the model plus its archive.`;
  },
  match: facts => {
    const found = matchTexts(facts, pvcTerminatingPatterns, { scope: 'all' });
    return found.length ? found : undefined;
  },
};

/** A step image could not be pulled. @public */
export const imagePullFailedRule: DiagnosisRule = {
  code: 'image-pull-failed',
  title: 'A step image could not be pulled',
  explanation: ({ evidence }) => {
    const image = captureFromEvidence(evidence, /image "([^"\s]+)"/i);
    const reason = evidence.find(e => e.reason)?.reason;
    return `The container of ${describeWhere(
      evidence,
    )} never started: the node could not pull ${
      image ? `image \`${image}\`` : 'its image'
    }${
      reason ? ` (\`${reason}\`)` : ''
    }. \`manifest unknown\` means the tag or digest does not exist in that repository; \`unauthorized\` means the pull secret is missing or wrong.`;
  },
  remediation: ({ facts }) =>
    `Check the image reference of the step in the Task (tag exists: \`skopeo inspect docker://<image>\`). For a private registry, link its pull secret to the service account${
      facts.summary.serviceAccountName
        ? ` \`${facts.summary.serviceAccountName}\``
        : ''
    } (\`oc secrets link ${
      facts.summary.serviceAccountName ?? '<sa>'
    } <secret> --for=pull\`). On a disconnected cluster, mirror the image and add an ImageDigestMirrorSet.`,
  match: facts => {
    const evidence: DiagnosisEvidence[] = [];
    for (const task of facts.failedTasks) {
      evidence.push(...taskWithStepReason(task, imagePullReasons));
      if (task.task.reason === 'TaskRunImagePullFailed') {
        evidence.push(
          compact({
            source: 'condition',
            task: task.task.name,
            reason: task.task.reason,
            message: task.task.message,
          }),
        );
      }
    }
    if (evidence.length === 0) {
      evidence.push(
        ...matchTexts(facts, imagePullPatterns, {
          sources: ['condition', 'termination', 'pod', 'event'],
          taskOnly: true,
        }),
      );
    }
    return evidence.length ? evidence : undefined;
  },
};

/** The pod was evicted for ephemeral storage. @public */
export const ephemeralStorageEvictedRule: DiagnosisRule = {
  code: 'ephemeral-storage-evicted',
  title: 'The task ran out of local disk and was evicted',
  explanation: ({ evidence }) => {
    const tasks = evidenceTasks(evidence);
    return `The kubelet evicted the pod of ${
      tasks.length ? `task ${listOf(tasks.map(t => `\`${t}\``))}` : 'a task'
    } because it used more ephemeral storage (container filesystem, \`emptyDir\`, \`/tmp\`) than its limit or than the node had free. Copying a model archive (14 GB and more) to a temp directory of the container does this.`;
  },
  remediation: ({ evidence }) => {
    const task = evidenceTasks(evidence)[0] ?? '<task>';
    return `Push straight from the workspace instead of copying: \`skopeo copy oci-archive:$(workspaces.<ws>.path)/oci/image.tar docker://...\`, and point \`TMPDIR\` at a directory on the workspace PVC. If a copy is needed, raise the step's \`computeResources.requests/limits["ephemeral-storage"]\` in \`${task}\` (or in the PipelineRun's \`spec.taskRunSpecs[].stepSpecs\`) above the archive size.`;
  },
  match: facts => {
    const evidence: DiagnosisEvidence[] = [];
    for (const task of facts.tasks) {
      const pod = task.task.pod;
      if (
        pod?.reason === 'Evicted' &&
        /ephemeral|storage|disk/i.test(pod.message ?? '')
      ) {
        evidence.push(
          compact({
            source: 'pod',
            task: task.task.name,
            reason: pod.reason,
            message: pod.message,
          }),
        );
      }
    }
    if (evidence.length === 0) {
      evidence.push(
        ...matchTexts(facts, ephemeralStoragePatterns, { scope: 'all' }),
      );
    }
    return evidence.length ? evidence : undefined;
  },
};

/** A step ran out of memory. @public */
export const oomKilledRule: DiagnosisRule = {
  code: 'oom-killed',
  title: 'A step ran out of memory',
  explanation: ({ evidence }) =>
    `The kernel killed ${describeWhere(
      evidence,
    )} because it used more memory than its limit (\`OOMKilled\`, exit code 137 is SIGKILL). Loading or converting model weights in memory, or hashing a large archive, needs several GB.`,
  remediation: ({ facts, evidence }) => {
    const task = evidenceTasks(evidence)[0] ?? '<task>';
    const step = evidence.find(e => e.step)?.step ?? '<step>';
    return `Raise the memory of step \`${step}\` of \`${task}\`: \`steps[].computeResources.limits.memory\` in the Task, or without editing the Task, \`spec.taskRunSpecs: [{pipelineTaskName: ${task}, stepSpecs: [{name: ${step}, computeResources: {limits: {memory: 16Gi}}}]}]\` on the PipelineRun. Check the namespace LimitRange does not cap it${
      facts.summary.namespace
        ? ` (\`oc get limitrange -n ${facts.summary.namespace}\`)`
        : ''
    }.`;
  },
  match: facts => {
    const evidence: DiagnosisEvidence[] = [];
    for (const task of facts.failedTasks) {
      evidence.push(...taskWithStepReason(task, ['OOMKilled']));
      if (evidence.length === 0) {
        for (const { step } of task.steps) {
          if (step.exitCode === 137) {
            evidence.push(
              compact({
                source: 'termination',
                task: task.task.name,
                step: step.name,
                exitCode: step.exitCode,
                reason: step.reason,
                message: step.message,
              }),
            );
          }
        }
      }
    }
    return evidence.length ? evidence : undefined;
  },
};
