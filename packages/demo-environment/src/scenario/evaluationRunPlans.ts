import {
  EvaluationNumbers,
  evaluationNumbers,
  ModelFamily,
  modelFamilies,
} from './modelFamilies';
import {
  evaluationPipeline,
  PIPELINES_NAMESPACE,
} from './tekton/pipelineDefinitions';
import { RunPlan } from './tekton/runPlan';
import { DAY, HOUR, MINUTE, sequentialTasks, timelineEnd } from './timeline';

/**
 * The evaluation runs of the demo scenario: two that published their numbers to a
 * registered version, and two that "succeeded" while publishing nowhere (a version name and
 * a model name that the registry does not have).
 */

/** Looks up registry ids of a version by model and version name. @public */
export type VersionLookup = (
  modelName: string,
  versionName: string,
) => { registeredModelId: string; modelVersionId: string } | undefined;

/** An evaluation run plan and what it measured. @public */
export interface EvaluationRunSpec {
  plan: RunPlan;
  family: ModelFamily;
  /** The InferenceService evaluated. */
  server: string;
  numbers: EvaluationNumbers;
  /** True when publish-results found the version and wrote the numbers. */
  published: boolean;
}

interface Input {
  name: string;
  family: ModelFamily;
  server: string;
  modelName: string;
  versionName: string;
  startMs: number;
  numbers: EvaluationNumbers;
}

function evaluationRun(input: Input, lookup: VersionLookup): EvaluationRunSpec {
  const registered = lookup(input.modelName, input.versionName);
  const modelKnown = lookup(input.modelName, '*') !== undefined;
  const publishLogs = registered
    ? undefined
    : {
        publish: [
          `+ python /scripts/publish_results.py --model-name ${input.modelName} --version-name ${input.versionName}`,
          modelKnown
            ? `WARNING:publish:model version "${input.versionName}" not found in registered model "${input.modelName}" (GET /api/model_registry/v1alpha3/model_version?name=${input.versionName}&parentResourceId=... returned 404)`
            : `WARNING:publish:registered model "${input.modelName}" not found (GET /api/model_registry/v1alpha3/registered_model?name=${input.modelName} returned 404)`,
          'WARNING:publish:results were not published; keeping them in the task results only',
        ],
      };
  const tasks = sequentialTasks([
    ['run-lm-eval', 1512],
    ['run-guidellm', 604],
    ['publish-results', 22, publishLogs ? { logs: publishLogs } : {}],
  ]);
  const plan: RunPlan = {
    name: input.name,
    namespace: PIPELINES_NAMESPACE,
    pipeline: evaluationPipeline,
    entity: input.family.entity,
    params: {
      vllm_model_name: input.server,
      model_name: input.modelName,
      version_name: input.versionName,
    },
    startMs: input.startMs,
    status: 'Succeeded',
    finishSec: timelineEnd(tasks),
    serviceAccountName: 'model-pipeline-sa',
    timeout: '2h0m0s',
    tasks,
    evaluation: input.numbers,
    registered,
    startedBy: 'ml-engineer-li',
  };
  return {
    plan,
    family: input.family,
    server: input.server,
    numbers: input.numbers,
    published: registered !== undefined,
  };
}

/** The evaluation runs at time `now`. @public */
export function evaluationRunSpecs(
  now: number,
  lookup: VersionLookup,
  graniteVersion: string,
): EvaluationRunSpec[] {
  const { mistral, granite } = modelFamilies;
  return [
    evaluationRun(
      {
        name: 'eval-mistral-24b-quantized-f4h8s',
        family: mistral,
        server: 'mistral-24b-quantized',
        modelName: mistral.name,
        versionName: 'quantized-w4a16-2501',
        startMs: now - 2 * DAY - 3 * HOUR - 20 * MINUTE,
        numbers: evaluationNumbers.mistralQuantized,
      },
      lookup,
    ),
    evaluationRun(
      {
        name: 'eval-granite-8b-quantized-k2d7m',
        family: granite,
        server: 'granite-8b-instruct',
        modelName: granite.name,
        versionName: graniteVersion,
        startMs: now - 4 * DAY - 18 * HOUR,
        numbers: evaluationNumbers.graniteQuantized,
      },
      lookup,
    ),
    evaluationRun(
      {
        name: 'eval-mistral-24b-quantized-z9w3r',
        family: mistral,
        server: 'mistral-24b-quantized',
        modelName: mistral.name,
        versionName: 'quantized-w4a16-2502',
        startMs: now - 1 * DAY - 6 * HOUR,
        numbers: evaluationNumbers.mistralQuantizedRerun,
      },
      lookup,
    ),
    evaluationRun(
      {
        name: 'eval-mistral-24b-quantized-j6b4t',
        family: mistral,
        server: 'mistral-24b-quantized',
        modelName: 'Mistral-Small-24B-Instruct-2501',
        versionName: 'quantized-w4a16-2501',
        startMs: now - 6 * HOUR - 30 * MINUTE,
        numbers: evaluationNumbers.mistralQuantizedRerun,
      },
      lookup,
    ),
  ];
}
