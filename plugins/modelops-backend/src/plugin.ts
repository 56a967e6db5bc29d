import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  createStageMap,
  DiagnosisRule,
  MODELOPS_RUNS_SIGNAL_CHANNEL,
  MODELOPS_VALIDATIONS_SIGNAL_CHANNEL,
  modelopsPermissions,
  PipelineStage,
} from '@private-ai/plugin-modelops-common';
import {
  createClusterClient,
  readRegistryConfigs,
  modelopsDiagnosisExtensionPoint,
  readClusterConfigs,
} from '@private-ai/plugin-modelops-node';
import { RunCollector } from './collector/RunCollector';
import { RunStore } from './database/RunStore';
import { ValidationStore } from './database/ValidationStore';
import { ValidationCollector } from './collector/ValidationCollector';
import { EvaluationService } from './evaluation/EvaluationService';
import { readEvaluationConfig } from './evaluation/readEvaluationConfig';
import { createRouter } from './service/router';
import { readFailureCauses } from './diagnosis/readFailureCauses';

const STAGE_KEYS: Record<string, PipelineStage> = {
  download: 'download',
  build: 'build',
  pushInternal: 'push-internal',
  pushQuay: 'push-quay',
  register: 'register',
};

/**
 * The ModelOps backend: collects Tekton PipelineRuns from the configured clusters into a run
 * history with diagnoses, and serves run lists, details, logs, re-run and cancel.
 * @public
 */
export const modelopsPlugin = createBackendPlugin({
  pluginId: 'modelops',
  register(env) {
    const extraRules: DiagnosisRule[] = [];
    env.registerExtensionPoint(modelopsDiagnosisExtensionPoint, {
      addDiagnosisRules: (...rules) => {
        extraRules.push(...rules);
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
      },
      async init({
        config,
        logger,
        database,
        scheduler,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        catalog,
        signals,
      }) {
        permissionsRegistry.addPermissions(modelopsPermissions);
        const db = await database.getClient();
        if (!database.migrations?.skip) await RunStore.migrate(db);
        const store = new RunStore(db);
        const validations = new ValidationStore(db);
        const { clusters: clusterConfigs, skipped } =
          readClusterConfigs(config);
        for (const s of skipped)
          logger.warn(`cluster ${s.name} is not collected: ${s.reason}`);
        const clients = new Map(
          clusterConfigs.map(c => [c.name, createClusterClient(c)]),
        );
        const registry = readRegistryConfigs(config).fallback?.client;
        const stagesConfig = config.getOptionalConfig('modelops.stages');
        const extraStages: Record<string, PipelineStage> = {};
        for (const [key, stage] of Object.entries(STAGE_KEYS)) {
          for (const task of stagesConfig?.getOptionalStringArray(key) ?? [])
            extraStages[task] = stage;
        }
        const collectorConfig = config.getOptionalConfig('modelops.collector');
        const collector = new RunCollector({
          clusters: [...clients.values()],
          store,
          logger: logger.child({ task: 'modelops-collector' }),
          namespaces: collectorConfig?.getOptionalStringArray('namespaces'),
          labelSelector: collectorConfig?.getOptionalString('labelSelector'),
          pageSize: collectorConfig?.getOptionalNumber('pageSize'),
          stageMap: Object.keys(extraStages).length
            ? createStageMap(extraStages)
            : undefined,
          extraRules,
          failureCauses: readFailureCauses(config),
          registry,
          publisher: {
            publish: message =>
              signals.publish({
                recipients: { type: 'broadcast' },
                channel: MODELOPS_RUNS_SIGNAL_CHANNEL,
                message: { ...message },
              }),
          },
        });
        const schedule = collectorConfig?.has('schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              collectorConfig.getConfig('schedule'),
            )
          : {
              frequency: { seconds: 30 },
              timeout: { minutes: 5 },
              initialDelay: { seconds: 5 },
            };
        const taskId = 'modelops-run-collector';
        await scheduler.scheduleTask({
          id: taskId,
          ...schedule,
          scope: 'global',
          fn: async () => {
            const stats = await collector.collectOnce();
            if (stats.written || stats.pruned || stats.failedClusters.length) {
              logger.info(
                `collected runs: ${stats.listed} listed, ${
                  stats.written
                } written, ${stats.pruned} pruned${
                  stats.failedClusters.length
                    ? `, failed clusters: ${stats.failedClusters.join(', ')}`
                    : ''
                }`,
              );
            }
          },
        });
        const validationCollector = new ValidationCollector({
          clusters: [...clients.values()],
          store: validations,
          logger: logger.child({ task: 'modelops-validation-collector' }),
          namespaces: collectorConfig?.getOptionalStringArray('namespaces'),
          pageSize: collectorConfig?.getOptionalNumber('pageSize'),
          publish: job =>
            signals.publish({
              recipients: { type: 'broadcast' },
              channel: MODELOPS_VALIDATIONS_SIGNAL_CHANNEL,
              message: {
                cluster: job.cluster,
                namespace: job.namespace,
                name: job.name,
                phase: job.phase,
                labels: job.labels,
              },
            }),
        });
        await scheduler.scheduleTask({
          id: 'modelops-validation-collector',
          ...schedule,
          scope: 'global',
          fn: async () => {
            const stats = await validationCollector.collectOnce();
            if (stats.written || stats.pruned || stats.failedClusters.length) {
              logger.info(
                `collected notebook validation jobs: ${stats.listed} listed, ${
                  stats.written
                } written, ${stats.pruned} pruned${
                  stats.failedClusters.length
                    ? `, failed clusters: ${stats.failedClusters.join(', ')}`
                    : ''
                }`,
              );
            }
          },
        });
        const evaluations = new EvaluationService({
          config: readEvaluationConfig(config),
          runs: store,
          catalog,
          logger: logger.child({ service: 'modelops-evaluation' }),
        });
        httpRouter.use(
          await createRouter({
            validations,
            evaluations,
            httpAuth,
            permissions,
            catalog,
            logger,
            store,
            clusters: clients,
            maxLogBytes: config.getOptionalNumber('modelops.logs.maxBytes'),
            onClusterChanged: () => {
              scheduler.triggerTask(taskId).catch(() => undefined);
            },
          }),
        );
      },
    });
  },
});
