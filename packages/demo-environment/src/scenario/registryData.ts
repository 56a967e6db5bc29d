import { metadataValue } from '../modelRegistry/customProperties';
import {
  Artifact,
  MetadataValue,
  ModelVersion,
  RegisteredModel,
  RegistryData,
} from '../modelRegistry/types';
import { digestOf, versionTimestamp } from './ids';
import {
  EvaluationNumbers,
  evaluationNumbers,
  ModelFamily,
  modelFamilies,
} from './modelFamilies';
import { ModelCarRunSpec } from './modelCarRunPlans';
import { DAY, HOUR } from './timeline';

/**
 * The Model Registry content of the demo scenario: one registered model per family, the
 * versions the ModelCar runs registered plus older ones (an ARCHIVED one, one whose name
 * breaks the naming convention), their ModelCar artifacts, evaluation numbers on the
 * evaluated versions, and the serving environment with its inference services.
 */

/** A version of the scenario, with what serving needs to know of it. @public */
export interface ScenarioVersion {
  family: ModelFamily;
  registeredModelId: string;
  version: ModelVersion;
  uri: string;
  digest: string;
}

/** The registry content and how to find versions in it. @public */
export interface ScenarioRegistry {
  data: RegistryData;
  versions: ScenarioVersion[];
  /** Ids of a version by model and version name; version name `*` finds the model only. */
  lookup(
    modelName: string,
    versionName: string,
  ): { registeredModelId: string; modelVersionId: string } | undefined;
  /** A version by model and version name (throws when missing: a scenario bug). */
  version(modelName: string, versionName: string): ScenarioVersion;
  servingEnvironmentId: string;
}

interface VersionInput {
  family: ModelFamily;
  name: string;
  createdMs: number;
  digest: string;
  registry: 'quay' | 'internal';
  state?: 'LIVE' | 'ARCHIVED';
  author: string;
  description: string;
  runName?: string;
  evaluation?: { numbers: EvaluationNumbers; runName: string };
}

function evaluationProperties(
  numbers: EvaluationNumbers,
  runName: string,
): Record<string, MetadataValue> {
  const out: Record<string, MetadataValue> = {};
  for (const [key, value] of Object.entries({
    ...numbers.lmEval,
    ...numbers.guidellm,
  })) {
    out[key] = metadataValue.double(value);
  }
  out.hardware_type = metadataValue.string('A100-80');
  out.hardware_count = metadataValue.int(1);
  out.evaluation_run = metadataValue.string(runName);
  out.lm_eval_tasks = metadataValue.string(
    'mmlu,arc_challenge,hellaswag,gsm8k',
  );
  return out;
}

/** Builds the registry of the scenario. @public */
export function buildScenarioRegistry(
  now: number,
  runs: ModelCarRunSpec[],
): ScenarioRegistry {
  let contextId = 0;
  let artifactId = 0;
  const nextContext = () => String(++contextId);
  const nextArtifact = () => String(++artifactId);
  const data: RegistryData = {
    registeredModels: [],
    modelVersions: [],
    artifacts: [],
    servingEnvironments: [],
    inferenceServices: [],
  };
  const versions: ScenarioVersion[] = [];
  const { mistral, granite, llama, qwen } = modelFamilies;

  const registered = new Map<string, RegisteredModel>();
  const model = (family: ModelFamily, createdMs: number): RegisteredModel => {
    const found = registered.get(family.name);
    if (found) return found;
    const entity: RegisteredModel = {
      id: nextContext(),
      name: family.name,
      description: family.description,
      owner: 'ai-platform',
      state: 'LIVE',
      provider: family.provider,
      license: family.license,
      licenseLink: family.licenseLink,
      language: family.language,
      tasks: ['text-generation'],
      libraryName: 'transformers',
      customProperties: {
        hf_repo: metadataValue.string(family.hfRepo),
        team: metadataValue.string('ai-platform'),
      },
      createTimeSinceEpoch: String(createdMs),
      lastUpdateTimeSinceEpoch: String(createdMs),
    };
    registered.set(family.name, entity);
    data.registeredModels.push(entity);
    return entity;
  };

  const addVersion = (input: VersionInput) => {
    const parent = model(input.family, input.createdMs - HOUR);
    const image =
      input.registry === 'quay'
        ? input.family.quayImage
        : input.family.internalImage;
    const uri = `oci://${image}@${input.digest}`;
    const updatedMs = input.evaluation
      ? input.createdMs + 2 * HOUR
      : input.createdMs;
    const version: ModelVersion = {
      id: nextContext(),
      name: input.name,
      registeredModelId: parent.id,
      state: input.state ?? 'LIVE',
      author: input.author,
      description: input.description,
      customProperties: {
        hf_repo: metadataValue.string(input.family.hfRepo),
        hf_revision: metadataValue.string('main'),
        quantization: metadataValue.string(
          input.name.startsWith('full-fp16') ? 'fp16' : 'w4a16',
        ),
        image_digest: metadataValue.string(input.digest),
        build_namespace: metadataValue.string('private-ai'),
        ...(input.runName
          ? { pipeline_run: metadataValue.string(input.runName) }
          : {}),
        ...(input.evaluation
          ? evaluationProperties(
              input.evaluation.numbers,
              input.evaluation.runName,
            )
          : {}),
      },
      createTimeSinceEpoch: String(input.createdMs),
      lastUpdateTimeSinceEpoch: String(updatedMs),
    };
    data.modelVersions.push(version);
    const artifact: Artifact = {
      id: nextArtifact(),
      artifactType: 'model-artifact',
      name: input.name,
      description: `ModelCar image of ${input.family.name} ${input.name}`,
      uri,
      modelFormatName: 'vLLM',
      modelFormatVersion: '1',
      state: input.state === 'ARCHIVED' ? 'MARKED_FOR_DELETION' : 'LIVE',
      ...(input.runName
        ? {
            modelSourceKind: 'tekton',
            modelSourceClass: 'pipelinerun',
            modelSourceGroup: 'private-ai',
            modelSourceId: input.runName,
            modelSourceName: input.family.hfRepo,
          }
        : {}),
      customProperties: {},
      createTimeSinceEpoch: String(input.createdMs),
      lastUpdateTimeSinceEpoch: String(input.createdMs),
    };
    data.artifacts.push({ modelVersionId: version.id, artifact });
    if (input.evaluation) {
      for (const [benchmark, score] of Object.entries(
        input.evaluation.numbers.lmEval,
      )) {
        if (benchmark === 'overall_average') continue;
        data.artifacts.push({
          modelVersionId: version.id,
          artifact: {
            id: nextArtifact(),
            artifactType: 'metric',
            name: benchmark,
            value: score,
            timestamp: String(updatedMs),
            state: 'LIVE',
            customProperties: {
              benchmark: metadataValue.string(benchmark),
              score: metadataValue.double(score),
              score_metric: metadataValue.string('accuracy_percent'),
              hardware_type: metadataValue.string('A100-80'),
              hardware_count: metadataValue.int(1),
            },
            createTimeSinceEpoch: String(updatedMs),
            lastUpdateTimeSinceEpoch: String(updatedMs),
          },
        });
      }
    }
    versions.push({
      family: input.family,
      registeredModelId: parent.id,
      version,
      uri,
      digest: input.digest,
    });
  };

  const fromRun = (
    runName: string,
    evaluation?: VersionInput['evaluation'],
  ) => {
    const run = runs.find(r => r.plan.name === runName);
    if (!run || !run.registers || !run.registeredDigest) {
      throw new Error(`scenario: run ${runName} registers no version`);
    }
    addVersion({
      family: run.family,
      name: run.versionName,
      createdMs: run.endMs - 20_000,
      digest: run.registeredDigest,
      registry: run.registeredRegistry ?? 'quay',
      author: run.plan.startedBy ?? 'model-pipeline-sa',
      description: `Built by PipelineRun ${runName} from ${run.family.hfRepo}`,
      runName,
      evaluation,
    });
  };

  addVersion({
    family: mistral,
    name: 'quantized-w4a16-2501',
    createdMs: now - 38 * DAY,
    digest: digestOf('mistral-small-24b-instruct/quantized-w4a16-2501'),
    registry: 'quay',
    author: 'data-scientist-anna',
    description:
      'First quantized build of Mistral Small 3 (2501), the version in production',
    evaluation: {
      numbers: evaluationNumbers.mistralQuantized,
      runName: 'eval-mistral-24b-quantized-f4h8s',
    },
  });
  // Evaluated by runs since pruned from the cluster: their numbers live on in the registry.
  fromRun('mistral-24b-quantized-wk62d', {
    numbers: evaluationNumbers.mistralQuantizedRerun,
    runName: 'eval-mistral-24b-quantized-h3v9c',
  });
  fromRun('mistral-24b-fp16-x7k2p', {
    numbers: evaluationNumbers.mistralFp16,
    runName: 'eval-mistral-24b-fp16-t4k8w',
  });
  fromRun('mistral-24b-quantized-d5m2v');

  addVersion({
    family: granite,
    name: `full-fp16-${versionTimestamp(now - 30 * DAY)}`,
    createdMs: now - 30 * DAY,
    digest: digestOf('granite/full-fp16-archived'),
    registry: 'internal',
    state: 'ARCHIVED',
    author: 'data-scientist-anna',
    description: 'Archived: superseded by the quantized build',
  });
  fromRun('granite-8b-quantized-b7m3k', {
    numbers: evaluationNumbers.graniteQuantized,
    runName: 'eval-granite-8b-quantized-k2d7m',
  });

  addVersion({
    family: llama,
    name: 'llama31-8b-v2-final',
    createdMs: now - 20 * DAY,
    digest: digestOf('llama/v2-final'),
    registry: 'internal',
    author: 'ml-engineer-li',
    description:
      'Registered by hand from a notebook; its name does not follow the quantization-timestamp convention',
  });
  fromRun('llama31-8b-fp16-v8r1d');

  fromRun('qwen25-7b-quantized-n2p6t');
  addVersion({
    family: qwen,
    name: `full-fp16-${versionTimestamp(now - 12 * DAY)}`,
    createdMs: now - 12 * DAY,
    digest: digestOf('qwen/full-fp16-12d'),
    registry: 'quay',
    author: 'data-scientist-anna',
    description: 'Full precision build for comparison runs',
  });

  const servingEnvironmentId = nextContext();
  data.servingEnvironments.push({
    id: servingEnvironmentId,
    name: 'private-ai',
    description: 'Namespace private-ai on demo-cluster',
    customProperties: {},
    createTimeSinceEpoch: String(now - 40 * DAY),
    lastUpdateTimeSinceEpoch: String(now - 40 * DAY),
  });

  const lookup: ScenarioRegistry['lookup'] = (modelName, versionName) => {
    const parent = registered.get(modelName);
    if (!parent) return undefined;
    if (versionName === '*')
      return { registeredModelId: parent.id, modelVersionId: '' };
    const version = data.modelVersions.find(
      v => v.registeredModelId === parent.id && v.name === versionName,
    );
    return version
      ? { registeredModelId: parent.id, modelVersionId: version.id }
      : undefined;
  };
  const version: ScenarioRegistry['version'] = (modelName, versionName) => {
    const found = versions.find(
      v => v.family.name === modelName && v.version.name === versionName,
    );
    if (!found)
      throw new Error(`scenario: no version ${versionName} of ${modelName}`);
    return found;
  };
  return { data, versions, lookup, version, servingEnvironmentId };
}

/** Adds an InferenceService entry to the registry (done when serving objects are built). @public */
export function addRegistryInferenceService(
  registry: ScenarioRegistry,
  name: string,
  served: ScenarioVersion,
  createdMs: number,
): string {
  const ids = [
    ...registry.data.registeredModels.map(m => Number(m.id)),
    ...registry.data.modelVersions.map(v => Number(v.id)),
    ...registry.data.servingEnvironments.map(e => Number(e.id)),
    ...registry.data.inferenceServices.map(s => Number(s.id)),
  ];
  const id = String(Math.max(0, ...ids) + 1);
  registry.data.inferenceServices.push({
    id,
    name,
    registeredModelId: served.registeredModelId,
    modelVersionId: served.version.id,
    servingEnvironmentId: registry.servingEnvironmentId,
    runtime: 'vllm-cuda-runtime',
    desiredState: 'DEPLOYED',
    customProperties: {},
    createTimeSinceEpoch: String(createdMs),
    lastUpdateTimeSinceEpoch: String(createdMs),
  });
  return id;
}
