import { metadataValue } from '../modelRegistry/customProperties';
import { RegistryData } from '../modelRegistry/types';
import { KubeObject } from '../kubernetes/types';
import { digestOf, entityNameOf, suffixOf, versionTimestamp } from './ids';
import { BuiltLog, buildPipelineRun } from './tekton/buildPipelineRun';
import {
  modelCarPipeline,
  PIPELINES_NAMESPACE,
} from './tekton/pipelineDefinitions';
import { PlanStatus, RunPlan, TaskPlan } from './tekton/runPlan';
import {
  HOUR,
  MINUTE,
  sequentialTasks,
  healthyDurations,
  timelineEnd,
} from './timeline';

/** Options of {@link generateScale}. @public */
export interface ScaleOptions {
  /** PipelineRuns to create (ModelCar runs). */
  runs: number;
  /** Registered models the runs are spread over (one entity each). */
  models: number;
  /** Versions per registered model (default 2), alternating quantized and fp16. */
  versionsPerModel?: number;
  /** Keep pods and logs (memory heavy at scale). Default false. */
  withPods?: boolean;
  /** Keep the step logs without the pods (what an archive such as Tekton Results keeps). */
  withLogs?: boolean;
  /** Prefix of run names, so a second generated set (e.g. runs already pruned) does not collide. */
  runNamePrefix?: string;
  now?: number;
}

/** Generated objects and registry content. @public */
export interface ScaleData {
  objects: KubeObject[];
  logs: BuiltLog[];
  registry: RegistryData;
  /** Entity names (`backstage.io/kubernetes-id`) of the generated models, in order. */
  entities: string[];
  counts: {
    pipelineRuns: number;
    taskRuns: number;
    models: number;
    versions: number;
  };
}

const TASKS = [
  'download-model',
  'build-image',
  'push-to-internal',
  'push-to-quay',
  'register-model',
];

/**
 * Outcome of run i: 60% succeed (5 TaskRuns), 40% fail in one of the first four tasks
 * (1 to 4 TaskRuns); on average exactly 4 TaskRuns per run, so 5,000 runs give 20,000.
 */
function outcome(i: number): { status: PlanStatus; tasks: number } {
  const slot = i % 10;
  if (slot < 6) return { status: 'Succeeded', tasks: 5 };
  return { status: 'Failed', tasks: slot - 5 };
}

/**
 * A large, deterministic data set for benchmarks: `runs` ModelCar PipelineRuns with their
 * TaskRuns over `models` models (model `i` is `Scale-Model-<i>`), and for each model a
 * registered model with two versions. Objects have the same shapes as the scenario's.
 * @public
 */
export function generateScale(options: ScaleOptions): ScaleData {
  if (!Number.isInteger(options.runs) || options.runs < 0)
    throw new Error(`runs must be a whole number >= 0, got ${options.runs}`);
  if (!Number.isInteger(options.models) || options.models < 1)
    throw new Error(
      `models must be a whole number >= 1, got ${options.models}`,
    );
  const now = options.now ?? Date.now();
  const objects: KubeObject[] = [];
  const logs: BuiltLog[] = [];
  const entities: string[] = [];
  const registry: RegistryData = {
    registeredModels: [],
    modelVersions: [],
    artifacts: [],
    servingEnvironments: [],
    inferenceServices: [],
  };
  let taskRuns = 0;
  let contextId = 1000;
  let artifactId = 1000;

  for (let m = 0; m < options.models; m++) {
    const name = `Scale-Model-${String(m).padStart(4, '0')}`;
    entities.push(entityNameOf(name));
    const modelId = String(++contextId);
    const created = String(now - 30 * 24 * HOUR + m * MINUTE);
    registry.registeredModels.push({
      id: modelId,
      name,
      owner: 'ai-platform',
      state: 'LIVE',
      customProperties: {},
      createTimeSinceEpoch: created,
      lastUpdateTimeSinceEpoch: created,
    } as RegistryData['registeredModels'][number]);
    for (let v = 0; v < (options.versionsPerModel ?? 2); v++) {
      const kind = v % 2 === 0 ? 'quantized-w4a16' : 'full-fp16';
      const versionId = String(++contextId);
      const versionName = `${kind}-${versionTimestamp(
        now - (m % 30) * HOUR - v * 24 * HOUR,
      )}`;
      registry.modelVersions.push({
        id: versionId,
        name: versionName,
        registeredModelId: modelId,
        state: 'LIVE',
        author: 'scale-generator',
        customProperties: { built_by: metadataValue.string('generateScale') },
        createTimeSinceEpoch: created,
        lastUpdateTimeSinceEpoch: created,
      } as RegistryData['modelVersions'][number]);
      registry.artifacts.push({
        modelVersionId: versionId,
        artifact: {
          id: String(++artifactId),
          artifactType: 'model-artifact',
          name: `${name}-${versionName}`,
          uri: `oci://quay.io/private-ai/modelcar-${entityNameOf(
            name,
          )}@${digestOf(`${name}/${versionName}`)}`,
          state: 'LIVE',
          customProperties: {},
          createTimeSinceEpoch: created,
          lastUpdateTimeSinceEpoch: created,
        },
      } as RegistryData['artifacts'][number]);
    }
  }

  const d = healthyDurations.quantized;
  const durations = [
    d.download,
    d.build,
    d.pushInternal,
    d.pushQuay,
    d.register,
  ];
  for (let i = 0; i < options.runs; i++) {
    const m = i % options.models;
    const entity = entities[m];
    const { status, tasks: taskCount } = outcome(i);
    const entries = TASKS.slice(0, taskCount).map(
      (task, t): [string, number, Partial<TaskPlan>?] =>
        t === taskCount - 1 && status === 'Failed'
          ? [
              task,
              30 + (i % 50),
              {
                status: 'Failed',
                step: modelCarPipeline.tasks[t].steps[0].name,
                stepEnd: { exitCode: 1, reason: 'Error' },
              },
            ]
          : [task, durations[t] + (i % 17)],
    );
    const tasks = sequentialTasks(entries);
    const startMs = now - (options.runs - i) * 7 * MINUTE;
    const versionName = `quantized-w4a16-${versionTimestamp(startMs)}`;
    const plan: RunPlan = {
      name: `${options.runNamePrefix ?? ''}${entity.slice(0, 40)}-${suffixOf(
        `scale:${i}`,
      )}${i}`,
      namespace: PIPELINES_NAMESPACE,
      pipeline: modelCarPipeline,
      entity,
      params: {
        'hf-repo': `scale-org/${entity}`,
        'hf-revision': 'main',
        'internal-image': `image-registry.openshift-image-registry.svc:5000/private-ai/modelcar-${entity}`,
        'quay-image': `quay.io/private-ai/modelcar-${entity}`,
        'model-name': registry.registeredModels[m].name,
        'version-name': versionName,
      },
      startMs,
      status,
      finishSec: timelineEnd(tasks),
      serviceAccountName: 'model-pipeline-sa',
      securityContext: { fsGroup: 1001, runAsUser: 1001 },
      tasks,
      digests: {
        build: digestOf(`scale:${i}`),
        internal: digestOf(`scale:${i}`),
        quay: digestOf(`scale:${i}`),
      },
      startedBy: 'scale-generator',
    };
    const built = buildPipelineRun(plan);
    objects.push(built.pipelineRun, ...built.taskRuns);
    taskRuns += built.taskRuns.length;
    if (options.withPods) objects.push(...built.pods);
    if (options.withPods || options.withLogs) logs.push(...built.logs);
  }
  return {
    objects,
    logs,
    registry,
    entities,
    counts: {
      pipelineRuns: options.runs,
      taskRuns,
      models: options.models,
      versions: registry.modelVersions.length,
    },
  };
}
