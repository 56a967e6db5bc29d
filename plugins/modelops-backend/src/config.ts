import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

type HumanDuration = SchedulerServiceTaskScheduleDefinition['timeout'];
import { readDurationFromConfig } from '@backstage/config';
import {
  createStageMap,
  LabelSelectorError,
  MAX_LOG_BYTES,
  parseLabelSelector,
  PipelineStage,
  StageMap,
} from '@private-ai/plugin-modelops-common';
import {
  ClusterConfig,
  ModelRegistryClient,
  readClusterConfigs,
  readRegistryConfigs,
  readResultsConfigs,
  ResultsConfig,
} from '@private-ai/plugin-modelops-node';
import {
  EvaluationConfig,
  readEvaluationConfig,
} from './evaluation/readEvaluationConfig';

/** `modelops.stages` keys and the stage each names tasks of. */
const STAGE_KEYS: Record<string, PipelineStage> = {
  download: 'download',
  build: 'build',
  pushInternal: 'push-internal',
  pushQuay: 'push-quay',
  register: 'register',
};

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { seconds: 30 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 5 },
};

/** The ModelOps backend's configuration, read once at start-up. */
export interface ModelOpsBackendConfig {
  /** Clusters to collect from and act on. */
  clusters: ClusterConfig[];
  /** Clusters of the Kubernetes plugin's configuration that cannot be collected, with why. */
  skippedClusters: Array<{ name: string; reason: string }>;
  /** `modelops.registry`: the registry the collector checks registrations against. */
  registry?: ModelRegistryClient;
  /** Task name to stage, when a pipeline names its tasks differently. */
  stageMap?: StageMap;
  collector: {
    schedule: SchedulerServiceTaskScheduleDefinition;
    /** Namespaces collected and acted on; undefined means every namespace. */
    namespaces?: string[];
    labelSelector?: string;
    pageSize?: number;
    /** Watch instead of listing on `schedule` (`modelops.collector.watch`, default true). */
    watch: boolean;
    /** Schedule of the full list while watching (`fullResyncInterval`, default hourly). */
    fullResync: SchedulerServiceTaskScheduleDefinition;
    /** Timeout of the leader's lock on the watch (`leaderLockTimeout`, default 30 s). */
    leaderLockTimeout: HumanDuration;
  };
  /** Largest log returned per container, in bytes. */
  maxLogBytes: number;
  evaluation: EvaluationConfig;
  /** `modelops.tektonResults`: archives that fill history and serve logs of pruned runs. */
  results: {
    sources: ResultsConfig[];
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
}

const DEFAULT_RESULTS_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 30 },
  initialDelay: { seconds: 15 },
};

function positive(config: RootConfigService, key: string): number | undefined {
  const value = config.getOptionalNumber(key);
  if (value !== undefined && (!Number.isInteger(value) || value <= 0))
    throw new Error(`${key} must be a whole number above 0, got ${value}`);
  return value;
}

/**
 * Reads `modelops.*` (and the clusters and registries the other ModelOps plugins share) into one
 * typed object. Throws at start-up, naming the key, when a value is malformed.
 */
export function readModelOpsBackendConfig(
  config: RootConfigService,
): ModelOpsBackendConfig {
  const { clusters, skipped } = readClusterConfigs(config);
  const stages = config.getOptionalConfig('modelops.stages');
  const extraStages: Record<string, PipelineStage> = {};
  for (const [key, stage] of Object.entries(STAGE_KEYS)) {
    for (const task of stages?.getOptionalStringArray(key) ?? [])
      extraStages[task] = stage;
  }
  const collector = config.getOptionalConfig('modelops.collector');
  const labelSelector = collector?.getOptionalString('labelSelector');
  if (labelSelector) {
    try {
      parseLabelSelector(labelSelector);
    } catch (error) {
      if (error instanceof LabelSelectorError)
        throw new Error(
          `modelops.collector.labelSelector is not a label selector: ${error.message}`,
        );
      throw error;
    }
  }
  const namespaces = collector?.getOptionalStringArray('namespaces');
  const duration = (key: string, fallback: HumanDuration): HumanDuration => {
    if (!collector?.has(key)) return fallback;
    try {
      return readDurationFromConfig(collector, { key });
    } catch (error) {
      throw new Error(
        `modelops.collector.${key} must be a duration like '30s', 'PT30S' or { seconds: 30 }: ${error}`,
      );
    }
  };
  const fullResyncInterval = duration('fullResyncInterval', { hours: 1 });
  return {
    clusters,
    skippedClusters: skipped,
    registry: readRegistryConfigs(config).fallback?.client,
    stageMap: Object.keys(extraStages).length
      ? createStageMap(extraStages)
      : undefined,
    collector: {
      schedule: collector?.has('schedule')
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            collector.getConfig('schedule'),
          )
        : DEFAULT_SCHEDULE,
      namespaces: namespaces?.length ? namespaces : undefined,
      labelSelector,
      pageSize: positive(config, 'modelops.collector.pageSize'),
      watch: collector?.getOptionalBoolean('watch') ?? true,
      // The watcher's first list is the start-up sync: the safety net waits one interval.
      fullResync: {
        frequency: fullResyncInterval,
        timeout: { minutes: 5 },
        initialDelay: fullResyncInterval,
      },
      leaderLockTimeout: duration('leaderLockTimeout', { seconds: 30 }),
    },
    maxLogBytes: positive(config, 'modelops.logs.maxBytes') ?? MAX_LOG_BYTES,
    evaluation: readEvaluationConfig(config),
    results: readResultsSettings(config, clusters),
  };
}

function readResultsSettings(
  config: RootConfigService,
  clusters: ClusterConfig[],
): ModelOpsBackendConfig['results'] {
  const sources = readResultsConfigs(config);
  for (const source of sources) {
    if (!clusters.some(c => c.name === source.cluster))
      throw new Error(
        `modelops.tektonResults: cluster ${
          source.cluster
        } is not one of the configured clusters (${
          clusters.map(c => c.name).join(', ') || 'none'
        })`,
      );
  }
  return {
    sources,
    schedule: config.has('modelops.collector.resultsSchedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('modelops.collector.resultsSchedule'),
        )
      : DEFAULT_RESULTS_SCHEDULE,
  };
}
