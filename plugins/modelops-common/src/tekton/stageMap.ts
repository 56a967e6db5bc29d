import { PipelineKind, PipelineStage } from './types';

/**
 * Maps pipeline task names (or the names of the Tasks they refer to) onto stages of the
 * ModelCar and evaluation pipelines. Keys are compared case-insensitively.
 * @public
 */
export type StageMap = Readonly<Record<string, PipelineStage>>;

/**
 * Task names of the ModelCar pipeline (`modelcar-build-deploy-v2`) and the evaluation
 * pipeline (`model-evaluation`) as the team names them.
 * @public
 */
export const defaultStageMap: StageMap = Object.freeze({
  'download-model': 'download',
  'build-image': 'build',
  'push-to-internal': 'push-internal',
  'push-to-quay': 'push-quay',
  'register-model': 'register',
  'run-lm-eval': 'lm-eval',
  'run-guidellm': 'guidellm',
  'publish-results': 'publish',
});

/** Which pipeline kind each stage belongs to. @public */
export const stageKinds: Readonly<
  Record<PipelineStage, Exclude<PipelineKind, 'other'>>
> = Object.freeze({
  download: 'modelcar',
  build: 'modelcar',
  'push-internal': 'modelcar',
  'push-quay': 'modelcar',
  register: 'modelcar',
  'lm-eval': 'evaluation',
  guidellm: 'evaluation',
  publish: 'evaluation',
});

/**
 * Builds a stage map from the default one plus overrides. An override maps a task name to
 * a stage, or to `null` to remove a default entry.
 *
 * @example
 * ```ts
 * createStageMap({ 'hf-download': 'download', 'push-to-quay': null });
 * ```
 * @public
 */
export function createStageMap(
  overrides: Record<string, PipelineStage | null | undefined> = {},
  base: StageMap = defaultStageMap,
): StageMap {
  const out: Record<string, PipelineStage> = {};
  for (const [name, stage] of Object.entries(base)) {
    out[name.toLowerCase()] = stage;
  }
  for (const [name, stage] of Object.entries(overrides)) {
    const key = name.toLowerCase();
    if (stage === null) {
      delete out[key];
    } else if (
      stage !== undefined &&
      Object.prototype.hasOwnProperty.call(stageKinds, stage)
    ) {
      out[key] = stage;
    }
  }
  return Object.freeze(out);
}

/**
 * The stage of a task: by its pipeline task name first, then by the name of the Task it
 * refers to (so a pipeline task called `download` that runs Task `download-model` still maps).
 * @public
 */
export function stageOfTask(
  stageMap: StageMap,
  pipelineTaskName: string | undefined,
  taskRefName?: string,
): PipelineStage | undefined {
  for (const name of [pipelineTaskName, taskRefName]) {
    if (!name) {
      continue;
    }
    const key = name.toLowerCase();
    if (Object.prototype.hasOwnProperty.call(stageMap, key)) {
      return stageMap[key];
    }
    // Maps built without createStageMap may keep mixed-case keys.
    const found = Object.entries(stageMap).find(
      ([mapKey]) => mapKey.toLowerCase() === key,
    );
    if (found) {
      return found[1];
    }
  }
  return undefined;
}

/** What `detectPipelineKind` looks at. @public */
export interface PipelineKindInput {
  pipelineName?: string;
  /** Stages of the run's tasks, as found by the stage map. */
  stages: Array<PipelineStage | undefined>;
  /** Names of the run's params. */
  paramNames?: string[];
}

/**
 * Decides whether a run is a ModelCar build, a model evaluation or something else:
 * by the stages of its tasks first, then by its pipeline name, then by its params.
 * @public
 */
export function detectPipelineKind(input: PipelineKindInput): PipelineKind {
  let modelcar = 0;
  let evaluation = 0;
  for (const stage of new Set(input.stages)) {
    if (!stage || !Object.prototype.hasOwnProperty.call(stageKinds, stage)) {
      continue;
    }
    if (stageKinds[stage] === 'modelcar') {
      modelcar += 1;
    } else {
      evaluation += 1;
    }
  }
  if (modelcar > evaluation) {
    return 'modelcar';
  }
  if (evaluation > modelcar) {
    return 'evaluation';
  }
  const name = (input.pipelineName ?? '').toLowerCase();
  if (/modelcar/.test(name)) {
    return 'modelcar';
  }
  if (/eval/.test(name)) {
    return 'evaluation';
  }
  const params = new Set(
    (input.paramNames ?? []).map(p => p.toLowerCase().replace(/_/g, '-')),
  );
  if (params.has('vllm-model-name')) {
    return 'evaluation';
  }
  if (params.has('hf-repo') || params.has('huggingface-repo')) {
    return 'modelcar';
  }
  return 'other';
}
