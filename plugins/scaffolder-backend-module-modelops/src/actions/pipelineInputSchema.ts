import { z as zod } from 'zod/v3';

type Z = typeof zod;

/**
 * The input of `modelops:pipeline:validate` and `modelops:pipeline:render`: the values of
 * either template. The shapes are loose on purpose (strings, numbers); the checks that say
 * exactly which field is wrong, and why, are in `../checks`.
 */
export function pipelineInputSchema(z: Z) {
  const modelcar = z.object({
    pipeline: z.literal('modelcar'),
    cluster: z
      .string()
      .describe(
        'Cluster to run on, by name (kubernetes.clusterLocatorMethods or modelops.clusters)',
      ),
    registry: z
      .string()
      .optional()
      .describe(
        'Model Registry id (catalog.providers.modelops); default the configured one',
      ),
    huggingFaceRepo: z.string().describe('Hugging Face repository, owner/name'),
    huggingFaceRevision: z
      .string()
      .optional()
      .describe('Branch, tag or commit; default main'),
    variant: z.string().describe('quantized-w4a16 or full-fp16'),
    modelName: z.string().describe('Registered model name, existing or new'),
    versionName: z
      .string()
      .describe('New version name, <variant>-<YYYYMMDD>-<HHMM>'),
    namespace: z.string().describe('Namespace of the run'),
    internalImage: z
      .string()
      .describe('Image repository in the internal registry, without tag'),
    quayImage: z.string().describe('Image repository on Quay, without tag'),
    workspaceSize: z
      .string()
      .optional()
      .describe('Size of the shared workspace PVC; default from the variant'),
    hfTokenSecret: z
      .string()
      .describe(
        'Name of the Secret holding the Hugging Face token (key "token")',
      ),
    quayAuthSecret: z
      .string()
      .describe(
        'Name of the Secret holding the Quay push credentials (.dockerconfigjson)',
      ),
    serviceAccount: z
      .string()
      .optional()
      .describe('Service account of the tasks; default model-pipeline-sa'),
    fsGroup: z
      .number()
      .optional()
      .describe('fsGroup of the pod security context; default 1001'),
    runAsUser: z
      .number()
      .optional()
      .describe('runAsUser of the pod security context; default 1001'),
    registryUrl: z
      .string()
      .optional()
      .describe(
        'Model Registry URL as seen from the cluster, for register-model',
      ),
  });
  const evaluation = z.object({
    pipeline: z.literal('evaluation'),
    modelVersion: z
      .string()
      .describe(
        'Entity ref of the model version (Resource of type ai-model-version)',
      ),
    modelServer: z
      .string()
      .describe(
        'Entity ref of the model server (Component of type model-server) serving it',
      ),
    lmEvalTasks: z
      .array(z.string())
      .describe('lm-evaluation-harness tasks, e.g. mmlu, gsm8k'),
    guidellmProfile: z.string().describe('guidellm load profile, e.g. sweep'),
    minAccuracy: z
      .number()
      .optional()
      .describe('Lowest acceptable lm-eval average, 0..1'),
    maxTtftP90Ms: z
      .number()
      .optional()
      .describe('Highest acceptable p90 time to first token, ms'),
    serviceAccount: z
      .string()
      .optional()
      .describe('Service account of the tasks; default model-pipeline-sa'),
  });
  return { modelcar, evaluation };
}

/**
 * The values of the "New ModelCar pipeline" template, as `modelops:pipeline:validate` and
 * `modelops:pipeline:render` take them.
 * @public
 */
export type ModelCarPipelineInput = {
  pipeline: 'modelcar';
  cluster: string;
  registry?: string;
  huggingFaceRepo: string;
  huggingFaceRevision?: string;
  variant: string;
  modelName: string;
  versionName: string;
  namespace: string;
  internalImage: string;
  quayImage: string;
  workspaceSize?: string;
  hfTokenSecret: string;
  quayAuthSecret: string;
  serviceAccount?: string;
  fsGroup?: number;
  runAsUser?: number;
  registryUrl?: string;
};

/**
 * The values of the "Evaluate a model version" template, as `modelops:pipeline:validate` and
 * `modelops:pipeline:render` take them.
 * @public
 */
export type EvaluationPipelineInput = {
  pipeline: 'evaluation';
  modelVersion: string;
  modelServer: string;
  lmEvalTasks: string[];
  guidellmProfile: string;
  minAccuracy?: number;
  maxTtftP90Ms?: number;
  serviceAccount?: string;
};

/**
 * The input of `modelops:pipeline:validate`: the values of either template, told apart by
 * `pipeline`.
 * @public
 */
export type PipelineInput = ModelCarPipelineInput | EvaluationPipelineInput;

// The declared types and the schemas describe the same values (checked in both directions).
type Parsed =
  | zod.infer<ReturnType<typeof pipelineInputSchema>['modelcar']>
  | zod.infer<ReturnType<typeof pipelineInputSchema>['evaluation']>;
const sameValues: [PipelineInput, Parsed] extends [Parsed, PipelineInput]
  ? true
  : never = true;
void sameValues;
