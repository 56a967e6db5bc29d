import {
  PermissionsService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createTemplateAction,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  ANNOTATION_KUBERNETES_ID,
  checkKubernetesName,
  modelopsPipelineRunCreatePermission,
} from '@private-ai/plugin-modelops-common';
import {
  ClusterClient,
  ClusterRequestError,
  KubernetesObject,
  KubernetesResource,
  RESOURCES,
} from '@private-ai/plugin-modelops-node';
import fs from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { checkGeneratedObjects } from '../checks/checkGeneratedObjects';
import { ModelOpsTargets } from '../service/ModelOpsTargets';
import { TektonObject } from '../tekton/types';
import { examples } from './createPipelineRun.examples';

const TASKS: KubernetesResource = {
  group: 'tekton.dev',
  version: 'v1',
  plural: 'tasks',
};
const NAMESPACES: KubernetesResource = {
  group: '',
  version: 'v1',
  plural: 'namespaces',
};

interface Declared {
  params?: Array<{ name: string; default?: unknown }>;
  workspaces?: Array<{ name: string; optional?: boolean }>;
}

async function readManifests(
  workspacePath: string,
  files: string[],
): Promise<TektonObject[]> {
  const objects: TektonObject[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await fs.readFile(
        resolveSafeChildPath(workspacePath, file),
        'utf8',
      );
    } catch (error) {
      throw new InputError(
        `manifests: cannot read ${file} in the workspace: ${
          (error as Error).message
        }`,
      );
    }
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length)
        throw new InputError(
          `manifests: ${file} is not valid YAML: ${doc.errors[0].message}`,
        );
      const object = doc.toJSON() as TektonObject | null;
      if (!object) continue;
      if (
        object.apiVersion !== 'tekton.dev/v1' ||
        !['Task', 'Pipeline', 'PipelineRun'].includes(object.kind)
      ) {
        // catalog-info.yaml and the like travel in the same folder for git; they are not for the cluster.
        continue;
      }
      objects.push(object);
    }
  }
  return objects;
}

/** Refuses a run that passes params or binds workspaces the cluster's Pipeline does not declare, or misses required ones. */
function checkAgainstPipeline(
  run: TektonObject,
  pipeline: { spec?: Declared },
  where: string,
) {
  const spec = run.spec as {
    params?: Array<{ name: string }>;
    workspaces?: Array<{ name: string }>;
  };
  const declaredParams = pipeline.spec?.params ?? [];
  const passed = new Set((spec.params ?? []).map(p => p.name));
  const unknown = [...passed].filter(
    p => !declaredParams.some(d => d.name === p),
  );
  if (unknown.length)
    throw new InputError(
      `manifests: the Pipeline ${where} does not declare the params ${unknown.join(
        ', ',
      )} that the run passes; update the Pipeline (render it with this template) first`,
    );
  const missing = declaredParams
    .filter(d => d.default === undefined && !passed.has(d.name))
    .map(d => d.name);
  if (missing.length)
    throw new InputError(
      `manifests: the Pipeline ${where} needs the params ${missing.join(
        ', ',
      )}, which the run does not pass`,
    );
  const bound = new Set((spec.workspaces ?? []).map(w => w.name));
  const unbound = (pipeline.spec?.workspaces ?? [])
    .filter(w => !w.optional && !bound.has(w.name))
    .map(w => w.name);
  if (unbound.length)
    throw new InputError(
      `manifests: the Pipeline ${where} needs the workspaces ${unbound.join(
        ', ',
      )}, which the run does not bind`,
    );
}

function clusterRefused(what: string, error: unknown): never {
  if (error instanceof ClusterRequestError)
    throw new InputError(`cluster: ${what}: ${error.message}`);
  throw error;
}

/**
 * The input of `modelops:pipelinerun:create`.
 * @public
 */
export type CreatePipelineRunInput = {
  cluster: string;
  /** Default the PipelineRun's `metadata.namespace`. */
  namespace?: string;
  /** YAML files in the workspace; default `pipelinerun.yaml`. */
  manifests: string[];
};

/**
 * The output of `modelops:pipelinerun:create`.
 * @public
 */
export type CreatePipelineRunOutput = {
  runName: string;
  namespace: string;
  cluster: string;
  /** The catalog entity the run is attached to. */
  entityRef?: string;
  /** Link to the entity's pipeline runs tab. */
  runUrl?: string;
  /** The same link as a path in the portal. */
  runPath?: string;
};

/**
 * `modelops:pipelinerun:create`: starts a PipelineRun on a configured cluster from YAML files
 * in the workspace (what `modelops:pipeline:render` wrote). Needs the
 * `modelops.pipelinerun.create` permission. Creates the Pipeline and Tasks from the files
 * when the cluster does not have them yet, checks the run against the cluster's Pipeline,
 * and has the API server dry-run every object before creating any of them.
 * @public
 */
export function createCreatePipelineRunAction(options: {
  targets: ModelOpsTargets;
  permissions: PermissionsService;
}): TemplateAction<CreatePipelineRunInput, CreatePipelineRunOutput, 'v2'> {
  return createTemplateAction({
    id: 'modelops:pipelinerun:create',
    description:
      'Starts a PipelineRun (with its Pipeline and Tasks when the cluster lacks them) on a configured cluster, after a server-side dry run.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z.string().describe('Cluster to start the run on, by name'),
        namespace: z =>
          z
            .string()
            .optional()
            .describe(
              "Namespace; default the PipelineRun's metadata.namespace",
            ),
        manifests: z =>
          z
            .array(z.string())
            .default(['pipelinerun.yaml'])
            .describe(
              'YAML files in the workspace holding the PipelineRun and, optionally, its Pipeline and Tasks',
            ),
      },
      output: {
        runName: z => z.string().describe('Name of the created PipelineRun'),
        namespace: z => z.string().describe('Its namespace'),
        cluster: z => z.string().describe('Its cluster'),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe('The catalog entity the run is attached to'),
        runUrl: z =>
          z
            .string()
            .optional()
            .describe("Link to the entity's pipeline runs tab"),
        runPath: z =>
          z
            .string()
            .optional()
            .describe(
              "The same link as a path in the portal, for the template's output links",
            ),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const [decision] = await options.permissions.authorize(
        [{ permission: modelopsPipelineRunCreatePermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `you may not start pipeline runs (permission ${modelopsPipelineRunCreatePermission.name})`,
        );
      }
      const client: ClusterClient = options.targets.cluster(ctx.input.cluster);
      const objects = await readManifests(
        ctx.workspacePath,
        ctx.input.manifests ?? ['pipelinerun.yaml'],
      );
      const runs = objects.filter(o => o.kind === 'PipelineRun');
      if (runs.length !== 1)
        throw new InputError(
          `manifests: expected exactly one tekton.dev/v1 PipelineRun in ${ctx.input.manifests.join(
            ', ',
          )}, found ${runs.length}`,
        );
      const run = runs[0];
      const namespace = ctx.input.namespace ?? run.metadata.namespace ?? '';
      const problem = checkKubernetesName(namespace);
      if (problem) throw new InputError(`namespace: ${problem}`);
      for (const warning of await checkGeneratedObjects(objects))
        ctx.logger.warn(warning);

      const ns = await client
        .get(NAMESPACES, '', namespace)
        .catch(error =>
          clusterRefused(`cannot read namespace ${namespace}`, error),
        );
      if (!ns)
        throw new InputError(
          `namespace: there is no namespace "${namespace}" on cluster ${client.cluster}`,
        );

      const pipelineName = (
        run.spec.pipelineRef as { name?: string } | undefined
      )?.name;
      if (!pipelineName)
        throw new InputError(
          'manifests: the PipelineRun must refer to a Pipeline by spec.pipelineRef.name',
        );
      const toCreate: Array<{
        resource: KubernetesResource;
        object: TektonObject;
      }> = [];
      const get = (resource: KubernetesResource, name: string) =>
        client
          .get(resource, namespace, name)
          .catch(error =>
            clusterRefused(
              `cannot read ${resource.plural} ${namespace}/${name}`,
              error,
            ),
          );
      for (const task of objects.filter(o => o.kind === 'Task')) {
        if (!(await get(TASKS, task.metadata.name!)))
          toCreate.push({ resource: TASKS, object: task });
      }
      const existingPipeline = await get(RESOURCES.pipelines, pipelineName);
      const ownPipeline = objects.find(
        o => o.kind === 'Pipeline' && o.metadata.name === pipelineName,
      );
      if (existingPipeline) {
        checkAgainstPipeline(
          run,
          existingPipeline as { spec?: Declared },
          `${pipelineName} on ${client.cluster}/${namespace}`,
        );
      } else if (ownPipeline) {
        toCreate.push({ resource: RESOURCES.pipelines, object: ownPipeline });
      } else {
        throw new InputError(
          `manifests: cluster ${client.cluster} has no Pipeline ${pipelineName} in ${namespace} and the manifests do not hold it`,
        );
      }

      const user = (credentials.principal as { userEntityRef?: string })
        .userEntityRef;
      const runObject: TektonObject = {
        ...run,
        metadata: {
          ...run.metadata,
          namespace,
          annotations: {
            ...run.metadata.annotations,
            ...(user ? { 'pipeline.openshift.io/started-by': user } : {}),
          },
        },
      };
      // The API server (and Tekton's admission webhook) judge every object before any is created.
      for (const { resource, object } of [
        ...toCreate,
        { resource: RESOURCES.pipelineRuns, object: runObject },
      ]) {
        await client
          .create(
            resource,
            namespace,
            {
              ...object,
              metadata: { ...object.metadata, namespace },
            } as unknown as KubernetesObject,
            { dryRun: true },
          )
          .catch(error =>
            clusterRefused(
              `the dry run of ${object.kind} ${
                object.metadata.name ?? object.metadata.generateName
              } was refused`,
              error,
            ),
          );
      }
      const entityName = run.metadata.labels?.[ANNOTATION_KUBERNETES_ID];
      if (entityName) {
        ctx.output('entityRef', `resource:default/${entityName}`);
        ctx.output('runUrl', options.targets.runsTabUrl(entityName));
        ctx.output('runPath', options.targets.runsTabPath(entityName));
      }
      ctx.output('cluster', client.cluster);
      ctx.output('namespace', namespace);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `dry run: ${[
            ...toCreate.map(c => `${c.object.kind} ${c.object.metadata.name}`),
            'the PipelineRun',
          ].join(', ')} would be created on ${client.cluster}/${namespace}`,
        );
        ctx.output(
          'runName',
          `${run.metadata.name ?? run.metadata.generateName}(dry-run)`,
        );
        return;
      }
      const runName = await ctx.checkpoint({
        key: `modelops-pipelinerun-${ctx.step?.id ?? 'start'}-${
          client.cluster
        }-${namespace}`,
        fn: async () => {
          for (const { resource, object } of toCreate) {
            await client
              .create(resource, namespace, {
                ...object,
                metadata: { ...object.metadata, namespace },
              } as unknown as KubernetesObject)
              .catch(error =>
                clusterRefused(
                  `creating ${object.kind} ${object.metadata.name} failed`,
                  error,
                ),
              );
            ctx.logger.info(
              `created ${object.kind} ${object.metadata.name} on ${client.cluster}/${namespace}`,
            );
          }
          const created = await client
            .create(
              RESOURCES.pipelineRuns,
              namespace,
              runObject as unknown as KubernetesObject,
            )
            .catch(error =>
              clusterRefused('creating the PipelineRun failed', error),
            );
          return created.metadata?.name ?? '';
        },
      });
      ctx.logger.info(
        `started PipelineRun ${runName} on ${client.cluster}/${namespace}${
          user ? ` for ${user}` : ''
        }`,
      );
      ctx.output('runName', runName);
    },
  });
}
