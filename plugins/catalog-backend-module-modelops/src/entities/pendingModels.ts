import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_REGISTERED_MODEL,
  detectPipelineKind,
  extractKeyParams,
  paramsToRecord,
  readSucceededCondition,
  statusFromCondition,
} from '@private-ai/plugin-modelops-common';
import { RegistrySnapshot } from './RegistrySnapshot';

/** A model named by ModelCar runs that the registry does not have yet. */
export interface PendingModel {
  modelName: string;
  /** The runs' `backstage.io/kubernetes-id` label: what the model page selects its runs by. */
  label: string;
  cluster: string;
  namespace: string;
  huggingFaceRepo?: string;
  note: string;
}

/** What the newest run's state means for the registration. */
function outlook(state: string): string {
  if (state === 'Succeeded')
    return 'succeeded, yet the registry has no model of that name: see its register-model step';
  if (['Failed', 'Cancelled', 'TimedOut'].includes(state))
    return 'did not register it: its runs tab says why';
  return 'registers it when it succeeds';
}

const sameUrl = (a: string, b: string) =>
  a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * Models named by ModelCar runs on the registry's clusters that the registry does not have
 * (in any state): the scaffolder starts a build of a new model, and its page, with the runs
 * tab that explains a failure, should not wait for the build to succeed. A run that names
 * another configured registry (its `model-registry-url` param is that registry's base URL) is
 * left to that registry's provider. When the
 * build registers the model, the registered model takes the same entity name from the same
 * provider, so the page stays; when its runs are deleted, the page goes.
 */
export function pendingModels(snapshot: RegistrySnapshot): PendingModel[] {
  const registered = new Set(snapshot.models.map(m => m.name));
  const byModel = new Map<
    string,
    {
      run: any;
      cluster: string;
      params: ReturnType<typeof extractKeyParams>;
      registryUrl?: string;
      count: number;
    }
  >();
  for (const { cluster, object } of snapshot.clusterPipelineRuns ?? []) {
    const label: string | undefined =
      object?.metadata?.labels?.[ANNOTATION_KUBERNETES_ID];
    const record = paramsToRecord(object?.spec?.params);
    const paramNames = Object.keys(record);
    if (
      !label ||
      detectPipelineKind({
        pipelineName: object?.spec?.pipelineRef?.name,
        stages: [],
        paramNames,
      }) !== 'modelcar'
    )
      continue;
    const params = extractKeyParams(record);
    const modelName =
      params.registeredModelName ??
      object?.metadata?.annotations?.[ANNOTATION_REGISTERED_MODEL];
    if (!modelName || registered.has(modelName)) continue;
    const registryUrl = Object.entries(record).find(([k]) =>
      /^(model-)?registry-url$/i.test(k.replace(/_/g, '-')),
    )?.[1];
    if (
      registryUrl &&
      (snapshot.otherRegistryUrls ?? []).some(url => sameUrl(url, registryUrl))
    )
      continue;
    const seen = byModel.get(modelName);
    const created = (o: any) => String(o?.metadata?.creationTimestamp ?? '');
    if (!seen || created(object) > created(seen.run))
      byModel.set(modelName, {
        run: object,
        cluster,
        params,
        registryUrl,
        count: (seen?.count ?? 0) + 1,
      });
    else seen.count += 1;
  }
  return [...byModel.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([modelName, { run, cluster, params, count }]) => {
      const state =
        statusFromCondition(readSucceededCondition(run?.status)) ??
        'not started';
      const others =
        count > 1
          ? ` (and ${count - 1} earlier run${count > 2 ? 's' : ''})`
          : '';
      return {
        modelName,
        label: run.metadata.labels[ANNOTATION_KUBERNETES_ID],
        cluster,
        namespace: run?.metadata?.namespace ?? 'default',
        huggingFaceRepo: params.huggingFaceRepo,
        note: `not in the Model Registry ${
          snapshot.registryId
        } yet: ModelCar run ${run?.metadata?.namespace}/${
          run?.metadata?.name
        } on ${cluster} (${state})${others} ${outlook(state)}`,
      };
    });
}
