import { FakeCluster } from '../kubernetes/FakeCluster';
import { resourceTypeOfObject, typeKeyOf } from '../kubernetes/resourceTypes';
import { KubeObject } from '../kubernetes/types';
import { RegistryStore } from '../modelRegistry/RegistryStore';
import { RegistryData } from '../modelRegistry/types';
import { EvaluationRunSpec, evaluationRunSpecs } from './evaluationRunPlans';
import { isoTime } from './ids';
import { ModelCarRunSpec, modelCarRunSpecs } from './modelCarRunPlans';
import {
  buildNotebookScenario,
  ScenarioNotebookJob,
} from './notebookValidation';
import { pipelineCredentialObjects } from './pipelineCredentials';
import { ScenarioRegistry, buildScenarioRegistry } from './registryData';
import { buildServingScenario, ServingScenario } from './servingScenario';
import { BuiltLog, buildPipelineRun } from './tekton/buildPipelineRun';
import {
  evaluationPipeline,
  modelCarPipeline,
  PIPELINES_NAMESPACE,
  pipelineObject,
  taskObjects,
} from './tekton/pipelineDefinitions';
import { DAY } from './timeline';

/** The whole demo scenario at one point in time. @public */
export interface Scenario {
  now: number;
  objects: KubeObject[];
  logs: BuiltLog[];
  registry: RegistryData;
  modelCarRuns: ModelCarRunSpec[];
  evaluationRuns: EvaluationRunSpec[];
  serving: ServingScenario['servers'];
  notebookJobs: ScenarioNotebookJob[];
}

function namespaceObject(name: string, createdMs: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      creationTimestamp: isoTime(createdMs),
      labels: {
        'kubernetes.io/metadata.name': name,
        'opendatahub.io/dashboard': 'true',
      },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

function versionOf(specs: ModelCarRunSpec[], runName: string): string {
  const found = specs.find(s => s.plan.name === runName);
  if (!found)
    throw new Error(`the demo scenario has no ModelCar run ${runName}`);
  return found.versionName;
}

/**
 * Builds the demo scenario as of `now`: the ModelCar and evaluation runs (with TaskRuns, pods
 * and logs), the Pipelines and Tasks, KServe serving, NotebookValidationJobs, and the Model
 * Registry content. The same `now` always gives the same objects.
 * @public
 */
export function buildScenario(now: number = Date.now()): Scenario {
  const modelCarRuns = modelCarRunSpecs(now);
  const registry: ScenarioRegistry = buildScenarioRegistry(now, modelCarRuns);
  const evaluationRuns = evaluationRunSpecs(
    now,
    registry.lookup,
    versionOf(modelCarRuns, 'granite-8b-quantized-b7m3k'),
  );
  const serving = buildServingScenario(now, registry, {
    mistral: 'quantized-w4a16-2501',
    granite: versionOf(modelCarRuns, 'granite-8b-quantized-b7m3k'),
    llama: versionOf(modelCarRuns, 'llama31-8b-fp16-v8r1d'),
    qwen: versionOf(modelCarRuns, 'qwen25-7b-quantized-n2p6t'),
  });
  const notebooks = buildNotebookScenario(now);
  const setupMs = now - 60 * DAY;

  const objects: KubeObject[] = [
    namespaceObject(PIPELINES_NAMESPACE, setupMs),
    namespaceObject('notebook-validation', setupMs),
    pipelineObject(modelCarPipeline, PIPELINES_NAMESPACE, isoTime(setupMs)),
    pipelineObject(evaluationPipeline, PIPELINES_NAMESPACE, isoTime(setupMs)),
    ...taskObjects(PIPELINES_NAMESPACE, isoTime(setupMs)),
    ...pipelineCredentialObjects(PIPELINES_NAMESPACE, setupMs),
  ];
  const logs: BuiltLog[] = [];
  for (const spec of [...modelCarRuns, ...evaluationRuns]) {
    const built = buildPipelineRun(spec.plan);
    objects.push(
      built.pipelineRun,
      ...built.taskRuns,
      ...built.pods,
      ...built.events,
    );
    logs.push(...built.logs);
  }
  objects.push(...serving.objects, ...notebooks.objects);
  logs.push(...serving.logs, ...notebooks.logs);

  return {
    now,
    objects,
    logs,
    registry: registry.data,
    modelCarRuns,
    evaluationRuns,
    serving: serving.servers,
    notebookJobs: notebooks.jobs,
  };
}

/** The type key the fake cluster stores an object under; throws for a type it does not serve. @public */
export function typeKeyOfObject(object: KubeObject): string {
  const type = resourceTypeOfObject(object.apiVersion, object.kind);
  if (!type) {
    throw new Error(
      `the demo cluster does not serve ${object.apiVersion} ${object.kind} (${object.metadata.name})`,
    );
  }
  return typeKeyOf(type);
}

/** Puts objects and logs into a fake cluster (replacing objects of the same name). @public */
export function seedCluster(
  cluster: FakeCluster,
  objects: KubeObject[],
  logs: BuiltLog[],
): void {
  for (const object of objects) {
    cluster.objects.upsert(typeKeyOfObject(object), object);
  }
  for (const log of logs) {
    cluster.logs.set(log.namespace, log.pod, log.container, log.text);
  }
}

/** A registry store holding the scenario's registry content. @public */
export function seedRegistry(store: RegistryStore, data: RegistryData): void {
  store.load(data);
}
