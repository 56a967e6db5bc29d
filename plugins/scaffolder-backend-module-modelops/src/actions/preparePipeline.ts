import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { entityNameOf } from '@private-ai/plugin-modelops-common';
import { checkGeneratedObjects } from '../checks/checkGeneratedObjects';
import { checkModelCarFields } from '../checks/checkModelCarFields';
import { checkNamespaceReady, checkVersionIsFree } from '../checks/liveChecks';
import { resolveEvaluation } from '../checks/resolveEvaluation';
import { ModelOpsTargets } from '../service/ModelOpsTargets';
import { evaluationPipelineRun } from '../tekton/evaluationPipelineRun';
import { modelCarObjects } from '../tekton/modelCarPipeline';
import { TektonObject } from '../tekton/types';
import { PipelineInput } from './pipelineInputSchema';

/** Everything the validate and render actions learn about a pipeline request. */
export interface PreparedPipeline {
  pipeline: 'modelcar' | 'evaluation';
  cluster: string;
  namespace: string;
  registry: string;
  modelName: string;
  versionName: string;
  /** Catalog entity the run shows up on (its runs tab). */
  entityName: string;
  modelExists: boolean;
  /** For evaluations: the InferenceService. */
  vllmModelName?: string;
  pipelineRun: TektonObject;
  /** The Pipeline and Tasks, for clusters that do not have them yet (ModelCar only). */
  definitions: TektonObject[];
  warnings: string[];
}

/**
 * Checks a pipeline request field by field, then against the Model Registry and the cluster
 * (the version name is free, the namespace, service account and Secrets exist; for an
 * evaluation, the version and its InferenceService exist), builds the Tekton objects and
 * validates them. Nothing is written or started here. Throws an InputError naming the field.
 */
export async function preparePipeline(
  input: PipelineInput,
  deps: {
    targets: ModelOpsTargets;
    catalog: CatalogService;
    credentials: () => Promise<BackstageCredentials>;
  },
): Promise<PreparedPipeline> {
  const { targets } = deps;
  if (input.pipeline === 'evaluation') {
    const resolved = await resolveEvaluation(input, {
      catalog: deps.catalog,
      credentials: await deps.credentials(),
      targets,
    });
    const pipelineRun = evaluationPipelineRun(resolved.input);
    const warnings = await checkGeneratedObjects([pipelineRun]);
    return {
      pipeline: 'evaluation',
      cluster: resolved.cluster,
      namespace: resolved.input.namespace,
      registry: resolved.registry,
      modelName: resolved.input.modelName,
      versionName: resolved.input.versionName,
      vllmModelName: resolved.input.vllmModelName,
      entityName: entityNameOf(resolved.input.modelName),
      modelExists: true,
      pipelineRun,
      definitions: [],
      warnings,
    };
  }

  const values = checkModelCarFields(input);
  const client = targets.cluster(input.cluster);
  const registry = targets.registry(input.registry);
  const found = await checkVersionIsFree(
    registry,
    values.modelName,
    values.versionName,
  );
  await checkNamespaceReady(client, values.namespace, {
    serviceAccount: { field: 'serviceAccount', name: values.serviceAccount },
    secrets: [
      { field: 'hfTokenSecret', name: values.hfTokenSecret, key: 'token' },
      {
        field: 'quayAuthSecret',
        name: values.quayAuthSecret,
        key: '.dockerconfigjson',
      },
    ],
  });
  const { pipelineRun, pipeline, tasks } = modelCarObjects(values);
  const warnings = await checkGeneratedObjects([
    pipelineRun,
    pipeline,
    ...tasks,
  ]);
  return {
    pipeline: 'modelcar',
    cluster: client.cluster,
    namespace: values.namespace,
    registry: registry.id,
    modelName: values.modelName,
    versionName: values.versionName,
    entityName: entityNameOf(values.modelName),
    modelExists: found.modelExists,
    pipelineRun,
    definitions: [pipeline, ...tasks],
    warnings,
  };
}
