import { LABEL_NOTEBOOK_VALIDATION_JOB } from '@private-ai/plugin-modelops-common';
import { KubernetesObject } from '@private-ai/plugin-modelops-node';

const inNamespace = (namespace: string | undefined, name: string | undefined) =>
  `${namespace}/${name}`;

/**
 * Finds the validation pod of each NotebookValidationJob among pods labelled
 * `notebookvalidationjob`: the pod the job's status names, else the job's newest labelled pod
 * (a retried job has several; the newest is the one that counts).
 */
export function validationPodFinder(
  pods: Iterable<KubernetesObject>,
): (job: KubernetesObject) => KubernetesObject | undefined {
  const byName = new Map<string, KubernetesObject>();
  const newestOfJob = new Map<string, KubernetesObject>();
  for (const pod of pods) {
    const { namespace, name, labels, creationTimestamp } = pod.metadata ?? {};
    byName.set(inNamespace(namespace, name), pod);
    const key = inNamespace(namespace, labels?.[LABEL_NOTEBOOK_VALIDATION_JOB]);
    const known = newestOfJob.get(key);
    if (
      !known ||
      String(creationTimestamp ?? '') >
        String(known.metadata?.creationTimestamp ?? '')
    )
      newestOfJob.set(key, pod);
  }
  return job => {
    const { namespace, name } = job.metadata ?? {};
    const named = (job.status as { validationPodName?: string } | undefined)
      ?.validationPodName;
    return (
      (named && byName.get(inNamespace(namespace, named))) ||
      newestOfJob.get(inNamespace(namespace, name))
    );
  };
}
