import {
  coreServices,
  createBackendPlugin,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  ANNOTATION_PIPELINE_SELECTOR,
  ANNOTATION_VALIDATION_SELECTOR,
  DiagnosisRule,
  MODELOPS_RUNS_SIGNAL_CHANNEL,
  MODELOPS_VALIDATIONS_SIGNAL_CHANNEL,
  modelopsPermissions,
  parseLabelSelector,
} from '@private-ai/plugin-modelops-common';
import {
  createClusterClient,
  TektonResultsClient,
  modelopsDiagnosisExtensionPoint,
} from '@private-ai/plugin-modelops-node';
import { EntityOwnership } from './access/EntityOwnership';
import { readModelOpsBackendConfig } from './config';
import { RunCollector } from './collector/RunCollector';
import { RunWatcher } from './collector/RunWatcher';
import { RunSource, syncAndLog } from './collector/RunSource';
import { RunStore } from './database/RunStore';
import { ValidationStore } from './database/ValidationStore';
import { ValidationCollector } from './collector/ValidationCollector';
import { ValidationWatcher } from './collector/ValidationWatcher';
import { scheduleLeaderWatch } from './collector/scheduleLeaderWatch';
import { EvaluationService } from './evaluation/EvaluationService';
import { RegistryCheckService } from './registry/RegistryCheckService';
import { RunService } from './runs/RunService';
import { ResultsHistoryImporter } from './results/ResultsHistoryImporter';
import { ResultsWatermarkStore } from './results/ResultsWatermarkStore';
import { createRouter } from './service/router';
import { ValidationService } from './validation/ValidationService';
import { readFailureCauses } from './diagnosis/readFailureCauses';
import { ChangeNotices } from './signals/ChangeNotices';

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
        const settings = readModelOpsBackendConfig(config);
        for (const s of settings.skippedClusters)
          logger.warn(`cluster ${s.name} is not collected: ${s.reason}`);
        const store = await RunStore.create(database);
        const validations = new ValidationStore(await database.getClient());
        const clients = new Map(
          settings.clusters.map(c => [c.name, createClusterClient(c)]),
        );
        const { collector: collectorSettings } = settings;
        // Signals reach every signed-in user: they say only that something changed.
        const runNotices = new ChangeNotices({
          signals,
          channel: MODELOPS_RUNS_SIGNAL_CHANNEL,
          logger,
        });
        const validationNotices = new ChangeNotices({
          signals,
          channel: MODELOPS_VALIDATIONS_SIGNAL_CHANNEL,
          logger,
        });
        const collector = new RunCollector({
          clusters: [...clients.values()],
          store,
          logger: logger.child({ task: 'modelops-collector' }),
          namespaces: collectorSettings.namespaces,
          labelSelector: collectorSettings.labelSelector,
          pageSize: collectorSettings.pageSize,
          stageMap: settings.stageMap,
          extraRules,
          failureCauses: readFailureCauses(config),
          registry: settings.registry,
          publisher: { publish: async () => runNotices.changed() },
        });
        const { schedule } = collectorSettings;
        if (collectorSettings.watch)
          await scheduleLeaderWatch(scheduler, {
            id: 'modelops-run-watcher',
            lockTimeout: collectorSettings.leaderLockTimeout,
            watcher: new RunWatcher({
              clusters: [...clients.values()],
              collector,
              store,
              logger: logger.child({ task: 'modelops-run-watcher' }),
              namespaces: collectorSettings.namespaces,
              labelSelector: collectorSettings.labelSelector,
              pageSize: collectorSettings.pageSize,
            }),
          });
        // Every source of the run history runs as a global task: one replica at a time.
        const sources: Array<{
          source: RunSource;
          schedule: SchedulerServiceTaskScheduleDefinition;
        }> = [
          {
            source: collector,
            schedule: collectorSettings.watch
              ? collectorSettings.fullResync
              : schedule,
          },
        ];
        const resultsClients = new Map(
          settings.results.sources.map(c => [
            c.cluster,
            new TektonResultsClient(c),
          ]),
        );
        if (resultsClients.size > 0)
          sources.push({
            source: new ResultsHistoryImporter({
              sources: [...resultsClients.values()],
              store,
              watermarks: new ResultsWatermarkStore(await database.getClient()),
              logger: logger.child({ task: 'modelops-results-import' }),
              namespaces: collectorSettings.namespaces,
              labelSelector: collectorSettings.labelSelector
                ? parseLabelSelector(collectorSettings.labelSelector)
                : undefined,
              stageMap: settings.stageMap,
              extraRules,
              failureCauses: readFailureCauses(config),
            }),
            schedule: settings.results.schedule,
          });
        for (const { source, schedule: sourceSchedule } of sources)
          await scheduler.scheduleTask({
            id: source.taskId,
            ...sourceSchedule,
            scope: 'global',
            fn: async () => {
              await syncAndLog(source, logger);
            },
          });
        const validationCollector = new ValidationCollector({
          clusters: [...clients.values()],
          store: validations,
          logger: logger.child({ task: 'modelops-validation-collector' }),
          namespaces: collectorSettings.namespaces,
          pageSize: collectorSettings.pageSize,
          publish: async () => validationNotices.changed(),
        });
        if (collectorSettings.watch)
          await scheduleLeaderWatch(scheduler, {
            id: 'modelops-validation-watcher',
            lockTimeout: collectorSettings.leaderLockTimeout,
            watcher: new ValidationWatcher({
              clusters: [...clients.values()],
              collector: validationCollector,
              store: validations,
              logger: logger.child({ task: 'modelops-validation-watcher' }),
              namespaces: collectorSettings.namespaces,
              pageSize: collectorSettings.pageSize,
            }),
          });
        await scheduler.scheduleTask({
          id: 'modelops-validation-collector',
          ...(collectorSettings.watch
            ? collectorSettings.fullResync
            : schedule),
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
          config: settings.evaluation,
          runs: store,
          catalog,
          logger: logger.child({ service: 'modelops-evaluation' }),
        });
        const runs = new RunService({
          store,
          clusters: clients,
          permissions,
          ownership: new EntityOwnership(catalog, ANNOTATION_PIPELINE_SELECTOR),
          logger,
          namespaces: collectorSettings.namespaces,
          maxLogBytes: settings.maxLogBytes,
          results: resultsClients,
          onClusterChanged: () => {
            // A watch sees the change by itself; a full list would read every run again.
            if (collectorSettings.watch) return;
            scheduler
              .triggerTask(collector.taskId)
              .catch(error =>
                logger.warn(`could not start a collection early: ${error}`),
              );
          },
        });
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            catalog,
            runs,
            validations: new ValidationService({
              store: validations,
              clusters: clients,
              permissions,
              ownership: new EntityOwnership(
                catalog,
                ANNOTATION_VALIDATION_SELECTOR,
              ),
              maxLogBytes: settings.maxLogBytes,
            }),
            evaluations,
            registryCheck: new RegistryCheckService(
              catalog,
              settings.evaluation.registries,
            ),
          }),
        );
      },
    });
  },
});
