import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  createTemplateAction,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { ModelOpsTargets } from '../service/ModelOpsTargets';
import { examples } from './validatePipeline.examples';
import { PipelineInput, pipelineInputSchema } from './pipelineInputSchema';
import { preparePipeline } from './preparePipeline';

/**
 * The output of `modelops:pipeline:validate`.
 * @public
 */
export type ValidatePipelineOutput = {
  /** Cluster the run goes to. */
  cluster: string;
  /** Namespace of the run. */
  namespace: string;
  /** Registered model name. */
  modelName: string;
  /** Model version name. */
  versionName: string;
  /** Evaluations: the InferenceService. */
  vllmModelName?: string;
  /** Whether the registry already has the model. */
  modelExists: boolean;
  /** Catalog entity whose runs tab shows the run. */
  entityName: string;
  /** tekton-lint warnings. */
  warnings: string[];
};

/**
 * `modelops:pipeline:validate`: checks a ModelCar or evaluation request before anything is
 * written or started: every field on its own, the version name against the live Model
 * Registry, the namespace, service account and Secrets on the cluster, and the generated
 * objects against the Tekton CRD schemas and tekton-lint. Fails with an InputError naming the
 * field.
 * @public
 */
export function createValidatePipelineAction(options: {
  targets: ModelOpsTargets;
  catalog: CatalogService;
}): TemplateAction<PipelineInput, ValidatePipelineOutput, 'v2'> {
  return createTemplateAction({
    id: 'modelops:pipeline:validate',
    description:
      'Validates a ModelCar or evaluation pipeline request: naming convention, Model Registry collisions, Kubernetes names, Secrets on the cluster, Tekton CRD schemas and tekton-lint.',
    examples,
    supportsDryRun: true,
    schema: {
      input: z => {
        const { modelcar, evaluation } = pipelineInputSchema(z);
        return z.discriminatedUnion('pipeline', [modelcar, evaluation]);
      },
      output: {
        cluster: z => z.string().describe('Cluster the run goes to'),
        namespace: z => z.string().describe('Namespace of the run'),
        modelName: z => z.string().describe('Registered model name'),
        versionName: z => z.string().describe('Model version name'),
        vllmModelName: z =>
          z.string().optional().describe('Evaluations: the InferenceService'),
        modelExists: z =>
          z.boolean().describe('Whether the registry already has the model'),
        entityName: z =>
          z.string().describe('Catalog entity whose runs tab shows the run'),
        warnings: z => z.array(z.string()).describe('tekton-lint warnings'),
      },
    },
    async handler(ctx) {
      const prepared = await preparePipeline(ctx.input, {
        targets: options.targets,
        catalog: options.catalog,
        credentials: () => ctx.getInitiatorCredentials(),
      });
      for (const warning of prepared.warnings) ctx.logger.warn(warning);
      ctx.logger.info(
        `${prepared.pipeline} request is valid: ${prepared.modelName} ${
          prepared.versionName
        } on ${prepared.cluster}/${prepared.namespace}${
          prepared.modelExists ? '' : ' (new model)'
        }`,
      );
      ctx.output('cluster', prepared.cluster);
      ctx.output('namespace', prepared.namespace);
      ctx.output('modelName', prepared.modelName);
      ctx.output('versionName', prepared.versionName);
      if (prepared.vllmModelName)
        ctx.output('vllmModelName', prepared.vllmModelName);
      ctx.output('modelExists', prepared.modelExists);
      ctx.output('entityName', prepared.entityName);
      ctx.output('warnings', prepared.warnings);
    },
  });
}
