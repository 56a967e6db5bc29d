import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_EVALUATION_THRESHOLDS,
  ANNOTATION_MODEL_VERSION_ID,
  ANNOTATION_PIPELINE_SELECTOR,
  ANNOTATION_REGISTERED_MODEL_ID,
  ANNOTATION_REGISTRY,
  ANNOTATION_RHDH_MODEL_NAME,
  EvaluationReport,
  EvaluationResponse,
  EvaluationSource,
  evaluateGate,
  parseGuidellmReport,
  parseLmEvalResults,
  parseThresholds,
  PipelineRunSummary,
  PublishEvaluationResponse,
  readPipelineRunEvaluation,
  readRegistryEvaluation,
  toRegistryCustomProperties,
  whyNotEvaluationMetricKey,
  VersionEvaluation,
} from '@private-ai/plugin-modelops-common';
import {
  ModelRegistryClient,
  ModelRegistryRequestError,
  RegistryModelVersion,
} from '@private-ai/plugin-modelops-node';
import pLimit from 'p-limit';
import { RunStore } from '../database/RunStore';
import { entitySelector } from '../service/entitySelector';
import { EvaluationConfig } from './readEvaluationConfig';

const MODEL_TYPE = 'ai-model';
const VERSION_TYPE = 'ai-model-version';

/** What `publish` takes: raw result files and/or flat metrics. */
export interface PublishInput {
  /** lm-evaluation-harness results (object or JSON text). */
  lmEval?: unknown;
  /** guidellm benchmark report (object, JSON or YAML text). */
  guidellm?: unknown;
  /** Metrics in the Model Catalog vocabulary, e.g. `{ "ttft_p90": 241.7 }`. */
  metrics?: Record<string, unknown>;
}

/**
 * The evaluation gate of model versions: their lm-eval and guidellm numbers read from the Model
 * Registry (version custom properties and `metric` artifacts) and from evaluation PipelineRuns in
 * the run history, judged against the thresholds of the model; and publishing results to the
 * registry as typed custom properties.
 */
export class EvaluationService {
  constructor(
    private readonly options: {
      config: EvaluationConfig;
      runs: RunStore;
      catalog: CatalogService;
      logger: LoggerService;
    },
  ) {}

  private registryOf(entity: Entity): {
    id: string;
    client: ModelRegistryClient;
  } {
    const id = entity.metadata.annotations?.[ANNOTATION_REGISTRY] ?? '*';
    const client =
      this.options.config.registries.get(id) ??
      this.options.config.registries.get('*');
    if (!client) {
      throw new InputError(
        `no Model Registry is configured for ${stringifyEntityRef(
          entity,
        )} (registry "${id}"): add catalog.providers.modelops.${id} or modelops.registry`,
      );
    }
    return { id, client };
  }

  /** The model entity of a model or version entity. */
  private async modelOf(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    if (entity.spec?.type === MODEL_TYPE) return entity;
    if (entity.spec?.type !== VERSION_TYPE) {
      throw new InputError(
        `${stringifyEntityRef(entity)} is a ${
          entity.spec?.type ?? entity.kind
        }, not a model (${MODEL_TYPE}) or model version (${VERSION_TYPE})`,
      );
    }
    const parent = ([] as unknown[])
      .concat(entity.spec?.dependencyOf ?? [])
      .find((r): r is string => typeof r === 'string');
    if (!parent)
      throw new InputError(
        `model version ${stringifyEntityRef(
          entity,
        )} names no model in spec.dependencyOf`,
      );
    const model = await this.options.catalog.getEntityByRef(
      parseEntityRef(parent, {
        defaultKind: 'resource',
        defaultNamespace: entity.metadata.namespace,
      }),
      { credentials },
    );
    if (!model)
      throw new NotFoundError(
        `the model ${parent} of ${stringifyEntityRef(
          entity,
        )} is not in the catalog`,
      );
    return model;
  }

  /** Thresholds: the entity's annotation, else the model's, else config for the model, else the default. */
  private thresholdsOf(entity: Entity, model: Entity, modelName: string) {
    const annotated =
      entity.metadata.annotations?.[ANNOTATION_EVALUATION_THRESHOLDS] ??
      model.metadata.annotations?.[ANNOTATION_EVALUATION_THRESHOLDS];
    const configured =
      this.options.config.thresholds.find(t => t.model === modelName)
        ?.criteria ?? this.options.config.defaultThresholds;
    const text = annotated ?? configured;
    if (!text)
      return {
        thresholds: [],
        thresholdsSource: 'none' as const,
        thresholdProblems: [],
      };
    const parsed = parseThresholds(text);
    return {
      thresholds: parsed.thresholds,
      thresholdsSource: annotated
        ? ('annotation' as const)
        : ('config' as const),
      thresholdsText: text,
      thresholdProblems: parsed.problems,
    };
  }

  /** Evaluation runs of the model from the run history, newest first, with their task results. */
  private async evaluationRuns(model: Entity): Promise<PipelineRunSummary[]> {
    let selector;
    try {
      selector = entitySelector(model, ANNOTATION_PIPELINE_SELECTOR).selector;
    } catch {
      return []; // a model without a (valid) selector has no runs; the runs tab says why
    }
    const { items } = await this.options.runs.list(selector, { limit: 500 });
    const limit = pLimit(8);
    const runs = await Promise.all(
      items
        .filter(i => i.kind === 'evaluation')
        .map(i =>
          limit(() =>
            this.options.runs.get({
              cluster: i.cluster,
              namespace: i.namespace,
              name: i.name,
            }),
          ),
        ),
    );
    return runs.filter((r): r is PipelineRunSummary => !!r);
  }

  async forEntity(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<EvaluationResponse> {
    const model = await this.modelOf(entity, credentials);
    const modelName =
      model.metadata.annotations?.[ANNOTATION_RHDH_MODEL_NAME] ??
      model.metadata.title ??
      model.metadata.name;
    const modelId =
      model.metadata.annotations?.[ANNOTATION_REGISTERED_MODEL_ID];
    const registry = this.registryOf(model);
    const thresholds = this.thresholdsOf(entity, model, modelName);

    const versionEntities = await this.options.catalog.getEntities(
      {
        filter: {
          kind: 'Resource',
          'spec.type': VERSION_TYPE,
          [`metadata.annotations.${ANNOTATION_REGISTERED_MODEL_ID}`]:
            modelId ?? '',
        },
      },
      { credentials },
    );
    const refOfVersion = new Map<string | undefined, string>();
    for (const v of versionEntities.items) {
      const sameRegistry =
        !v.metadata.annotations?.[ANNOTATION_REGISTRY] ||
        v.metadata.annotations[ANNOTATION_REGISTRY] === registry.id;
      const id = v.metadata.annotations?.[ANNOTATION_MODEL_VERSION_ID];
      if (sameRegistry && !refOfVersion.has(id))
        refOfVersion.set(id, stringifyEntityRef(v));
    }

    let registryError: string | undefined;
    let registered: Array<{
      version: RegistryModelVersion;
      report: EvaluationReport;
    }> = [];
    if (modelId) {
      try {
        const versions = await registry.client.listModelVersions(modelId);
        const limit = pLimit(4);
        registered = await Promise.all(
          versions.map(version =>
            limit(async () => ({
              version,
              report: readRegistryEvaluation({
                customProperties: version.customProperties,
                artifacts: await registry.client.listArtifacts(version.id),
              }),
            })),
          ),
        );
      } catch (error) {
        if (!(error instanceof ModelRegistryRequestError)) throw error;
        registryError = error.message;
        this.options.logger.warn(
          `evaluation of ${modelName}: ${error.message}`,
        );
      }
    } else {
      registryError = `${stringifyEntityRef(
        model,
      )} has no ${ANNOTATION_REGISTERED_MODEL_ID} annotation; only evaluation runs are shown`;
    }

    const runs = await this.evaluationRuns(model);
    const runsOf = (versionName: string) =>
      runs.filter(
        r =>
          r.keyParams.versionName === versionName &&
          (r.keyParams.registeredModelName ?? modelName) === modelName,
      );
    // With the registry read, its versions are the list: a run naming another version published
    // nowhere (the runs tab diagnoses it). Without the registry, the runs are all there is.
    const names = new Set(
      registryError
        ? runs
            .filter(
              r => (r.keyParams.registeredModelName ?? modelName) === modelName,
            )
            .map(r => r.keyParams.versionName)
            .filter((n): n is string => !!n)
        : registered.map(r => r.version.name),
    );

    const versions: VersionEvaluation[] = [...names].map(versionName => {
      const entry = registered.find(r => r.version.name === versionName);
      const sources: EvaluationSource[] = [];
      const reports: EvaluationReport[] = [];
      if (
        entry &&
        Object.keys(entry.report.metrics).length +
          entry.report.problems.length >
          0
      ) {
        sources.push({
          source: 'model-registry',
          label: 'Model Registry',
          at: entry.version.lastUpdateTimeSinceEpoch
            ? new Date(
                Number(entry.version.lastUpdateTimeSinceEpoch),
              ).toISOString()
            : undefined,
          recognized: entry.report.recognized,
          problems: entry.report.problems,
          metrics: entry.report.metrics,
        });
        reports.push(entry.report);
      }
      for (const run of runsOf(versionName)) {
        const results = run.tasks.flatMap(t =>
          Object.entries(t.results ?? {}).map(([name, value]) => ({
            name,
            value,
          })),
        );
        const report = readPipelineRunEvaluation(results);
        sources.push({
          source: 'pipelinerun',
          label: `run ${run.name}`,
          at: run.finishedAt ?? run.startedAt,
          run: {
            cluster: run.cluster,
            namespace: run.namespace,
            name: run.name,
          },
          status: run.status,
          recognized: report.recognized,
          problems: report.problems,
          metrics: report.metrics,
        });
        reports.push(report);
      }
      // The registry holds what was published; a run's own results count when nothing was.
      const chosen = reports.find(r => Object.keys(r.metrics).length > 0);
      const metrics = chosen?.metrics ?? {};
      return {
        versionName,
        versionId: entry?.version.id,
        entityRef: entry ? refOfVersion.get(entry.version.id) : undefined,
        createdAt: entry?.version.createTimeSinceEpoch
          ? new Date(Number(entry.version.createTimeSinceEpoch)).toISOString()
          : undefined,
        state: entry?.version.state,
        metrics,
        accuracy: chosen?.accuracy ?? [],
        performance: chosen?.performance ?? [],
        sources,
        gate: evaluateGate(metrics, thresholds.thresholds),
      };
    });
    versions.sort(
      (a, b) =>
        (a.createdAt ?? '9999').localeCompare(b.createdAt ?? '9999') ||
        a.versionName.localeCompare(b.versionName),
    );

    return {
      model: {
        name: modelName,
        entityRef: stringifyEntityRef(model),
        registry: registry.id,
      },
      focus:
        entity.spec?.type === VERSION_TYPE
          ? versionNameOf(entity, registered)
          : undefined,
      ...thresholds,
      versions,
      registryError,
    };
  }

  /**
   * Writes evaluation results to the version's custom properties, merged into the ones it has
   * (the registry replaces the map as a whole), then reads the version back to check that every
   * value was stored.
   */
  async publish(
    entity: Entity,
    input: PublishInput,
  ): Promise<PublishEvaluationResponse> {
    if (entity.spec?.type !== VERSION_TYPE)
      throw new InputError(
        `results are published to a model version (${VERSION_TYPE}); ${stringifyEntityRef(
          entity,
        )} is not one`,
      );
    const versionId =
      entity.metadata.annotations?.[ANNOTATION_MODEL_VERSION_ID];
    if (!versionId)
      throw new InputError(
        `${stringifyEntityRef(
          entity,
        )} has no ${ANNOTATION_MODEL_VERSION_ID} annotation`,
      );
    const problems: string[] = [];
    const metrics: Record<string, number> = {};
    const add = (what: string, report: EvaluationReport) => {
      problems.push(...report.problems.map(p => `${what}: ${p}`));
      if (!report.recognized)
        problems.push(
          `${what}: not a format this portal reads; nothing taken from it`,
        );
      Object.assign(metrics, report.metrics);
    };
    if (input.lmEval !== undefined)
      add('lmEval', parseLmEvalResults(input.lmEval));
    if (input.guidellm !== undefined)
      add('guidellm', parseGuidellmReport(input.guidellm));
    if (input.metrics !== undefined) {
      if (
        typeof input.metrics !== 'object' ||
        input.metrics === null ||
        Array.isArray(input.metrics)
      )
        throw new InputError('metrics must be an object of numbers');
      for (const [key, value] of Object.entries(input.metrics)) {
        if (typeof value === 'number') metrics[key] = value;
        else
          problems.push(
            `metrics.${key}: ${JSON.stringify(value)} is not a number`,
          );
      }
    }
    const refused = Object.keys(metrics)
      .map(whyNotEvaluationMetricKey)
      .filter((why): why is string => why !== undefined);
    if (refused.length)
      throw new InputError(
        `only evaluation results are published; nothing was written: ${refused.join(
          '; ',
        )}`,
      );
    const { properties, problems: propertyProblems } =
      toRegistryCustomProperties(metrics);
    problems.push(...propertyProblems);
    if (Object.keys(properties).length === 0) {
      throw new InputError(
        `nothing to publish${
          problems.length
            ? `: ${problems.join('; ')}`
            : ': give lmEval, guidellm or metrics'
        }`,
      );
    }
    const { client } = this.registryOf(entity);
    try {
      const version = await client.getModelVersion(versionId);
      if (!version)
        throw new NotFoundError(
          `the registry has no model version ${versionId} (${stringifyEntityRef(
            entity,
          )}); the catalog may be behind`,
        );
      // Evaluations write only MetadataDoubleValues: any other value under the key was written
      // by the build or by hand, and a publish never replaces it.
      const notOurs = Object.keys(properties).filter(key => {
        const existing = version.customProperties?.[key];
        return (
          existing !== undefined &&
          existing.metadataType !== 'MetadataDoubleValue'
        );
      });
      if (notOurs.length)
        throw new InputError(
          `${version.name} already has ${notOurs
            .map(
              key =>
                `${key} (a ${version.customProperties![key].metadataType})`,
            )
            .join(', ')} not written by an evaluation; nothing was written`,
        );
      const merged = {
        ...(version.customProperties ?? {}),
        ...properties,
      } as RegistryModelVersion['customProperties'];
      await client.updateModelVersion(versionId, { customProperties: merged });
      const after = await client.getModelVersion(versionId);
      const missing = Object.keys(properties).filter(
        k => !after?.customProperties?.[k],
      );
      if (missing.length) {
        throw new ServiceUnavailableError(
          `the registry answered the update but did not store ${missing.join(
            ', ',
          )}`,
        );
      }
      this.options.logger.info(
        `published ${Object.keys(properties).length} evaluation results to ${
          version.name
        } (${versionId})`,
      );
      return {
        versionId,
        versionName: version.name,
        published: Object.keys(properties).sort(),
        problems,
      };
    } catch (error) {
      if (error instanceof ModelRegistryRequestError) {
        throw new ServiceUnavailableError(
          `the Model Registry refused or did not answer; nothing was written: ${error.message}`,
        );
      }
      throw error;
    }
  }
}

function versionNameOf(
  entity: Entity,
  registered: Array<{ version: RegistryModelVersion }>,
): string | undefined {
  const id = entity.metadata.annotations?.[ANNOTATION_MODEL_VERSION_ID];
  return (
    registered.find(r => r.version.id === id)?.version.name ??
    entity.metadata.title ??
    entity.metadata.name
  );
}
