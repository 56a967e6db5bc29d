import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { checkRegisteredModelName } from '@private-ai/plugin-modelops-common';
import { lookUpVersion } from '../checks/liveChecks';
import { ModelOpsTargets } from '../service/ModelOpsTargets';
import { examples } from './checkRegistry.examples';

/**
 * The input of `modelops:registry:check`.
 * @public
 */
export type CheckRegistryInput = {
  /** Model Registry id; default the configured one. */
  registry?: string;
  modelName: string;
  versionName?: string;
  /** What must hold; default `any` (only report). */
  expect: 'version-free' | 'version-exists' | 'model-exists' | 'any';
};

/**
 * The output of `modelops:registry:check`.
 * @public
 */
export type CheckRegistryOutput = {
  registry: string;
  modelExists: boolean;
  modelId?: string;
  versionExists: boolean;
  versionId?: string;
  /** Version names of the model, newest first. */
  versions: string[];
};

/**
 * `modelops:registry:check`: looks a model (and a version) up in a Model Registry, and fails
 * when the answer is not what the template expects: a version name that must be free, or a
 * model or version that must exist. Usable in any template that names registry entries.
 * @public
 */
export function createCheckRegistryAction(options: {
  targets: ModelOpsTargets;
}): TemplateAction<CheckRegistryInput, CheckRegistryOutput, 'v2'> {
  return createTemplateAction({
    id: 'modelops:registry:check',
    description:
      'Looks a registered model and version up in the Model Registry and fails unless they are as expected.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        registry: z =>
          z
            .string()
            .optional()
            .describe('Model Registry id; default the configured one'),
        modelName: z => z.string().describe('Registered model name'),
        versionName: z => z.string().optional().describe('Version name'),
        expect: z =>
          z
            .enum(['version-free', 'version-exists', 'model-exists', 'any'])
            .default('any')
            .describe(
              'version-free: the model may be new but must not have the version; version-exists / model-exists: they must exist; any: only report',
            ),
      },
      output: {
        registry: z => z.string(),
        modelExists: z => z.boolean(),
        modelId: z => z.string().optional(),
        versionExists: z => z.boolean(),
        versionId: z => z.string().optional(),
        versions: z =>
          z
            .array(z.string())
            .describe('Version names of the model, newest first'),
      },
    },
    async handler(ctx) {
      const { modelName, versionName, expect } = ctx.input;
      const problem = checkRegisteredModelName(modelName);
      if (problem) throw new InputError(`modelName: ${problem}`);
      if (
        (expect === 'version-free' || expect === 'version-exists') &&
        !versionName
      )
        throw new InputError(
          `versionName: is required to check that the version ${
            expect === 'version-free' ? 'is free' : 'exists'
          }`,
        );
      const registry = options.targets.registry(ctx.input.registry);
      const found = await lookUpVersion(registry, modelName, versionName);
      if (expect === 'version-free' && found.versionExists)
        throw new InputError(
          `versionName: model ${modelName} already has a version "${versionName}" in the Model Registry "${registry.id}"`,
        );
      if (
        (expect === 'model-exists' || expect === 'version-exists') &&
        !found.modelExists
      )
        throw new InputError(
          `modelName: the Model Registry "${registry.id}" has no model ${modelName}`,
        );
      if (expect === 'version-exists' && !found.versionExists)
        throw new InputError(
          `versionName: model ${modelName} has no version "${versionName}" in the Model Registry "${registry.id}"`,
        );
      ctx.logger.info(
        `${modelName}${versionName ? ` ${versionName}` : ''} in ${
          registry.id
        }: model ${found.modelExists ? 'exists' : 'is new'}${
          versionName
            ? `, version ${found.versionExists ? 'exists' : 'is free'}`
            : ''
        }`,
      );
      ctx.output('registry', registry.id);
      ctx.output('modelExists', found.modelExists);
      if (found.modelId) ctx.output('modelId', found.modelId);
      ctx.output('versionExists', found.versionExists);
      if (found.versionId) ctx.output('versionId', found.versionId);
      ctx.output('versions', found.versions);
    },
  });
}
