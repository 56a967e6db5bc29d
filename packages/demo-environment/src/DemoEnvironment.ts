import { FakeCluster } from './kubernetes/FakeCluster';
import {
  RunningKubernetesApi,
  startKubernetesApi,
} from './kubernetes/KubernetesApiServer';
import {
  RunningModelRegistry,
  startModelRegistry,
} from './modelRegistry/ModelRegistryServer';
import { registerBuild } from './modelRegistry/registerBuild';
import { RegistryStore } from './modelRegistry/RegistryStore';
import {
  buildScenario,
  Scenario,
  seedCluster,
  seedRegistry,
  typeKeyOfObject,
} from './scenario/buildScenario';
import { generateScale, ScaleData } from './scenario/generateScale';
import { RunSimulator } from './scenario/RunSimulator';
import { buildDigest } from './scenario/tekton/defaultStepLogs';
import { ResultsArchive } from './results/ResultsArchive';
import { RunningResultsApi, startResultsApi } from './results/ResultsApiServer';
import { KubeObject } from './kubernetes/types';

/** Options of {@link startDemoEnvironment}. @public */
export interface DemoEnvironmentOptions {
  /** Port of the Kubernetes API; 0 (default) picks a free one. */
  kubernetesPort?: number;
  /** Port of the Model Registry; 0 (default) picks a free one. */
  registryPort?: number;
  kubernetesToken?: string;
  registryToken?: string;
  /** Loopback address to listen on. Default 127.0.0.1. */
  host?: string;
  /** Seed the scenario (default true). */
  scenario?: boolean;
  /** Add generated runs and models for scale. */
  scale?: { runs: number; models: number; versionsPerModel?: number };
  /** Wall-clock seconds a simulated task takes; 0 turns the simulation off. Default 8. */
  taskSeconds?: number;
  /** Time the scenario is built at. Default now. */
  now?: number;
  /** How often a Kubernetes watch that allows bookmarks gets one; default one a minute. */
  watchBookmarkIntervalMs?: number;
  /**
   * Start a loopback Tekton Results API beside the Kubernetes API. It archives the finished
   * runs of the cluster at start, and `prunedRuns` generated runs that the cluster no longer
   * has (older than the cluster's runs, names prefixed `pruned-`).
   */
  results?: { port?: number; token?: string; prunedRuns?: number };
}

/** A running demo environment. @public */
export interface DemoEnvironment {
  cluster: FakeCluster;
  registry: RegistryStore;
  kubernetes: RunningKubernetesApi;
  modelRegistry: RunningModelRegistry;
  scenario?: Scenario;
  scale?: ScaleData;
  simulator?: RunSimulator;
  kubernetesToken: string;
  registryToken: string;
  /** Set when `results` was asked for. */
  results?: {
    api: RunningResultsApi;
    archive: ResultsArchive;
    token: string;
    /** The parent (namespace) the runs are archived under; `-` reads across parents. */
    parent: string;
  };
  stop(): Promise<void>;
}

const PIPELINE_RUN = {
  apiVersion: 'tekton.dev/v1',
  kind: 'PipelineRun',
  metadata: { name: '' },
};
const TASK_RUN = { ...PIPELINE_RUN, kind: 'TaskRun' };

const isFinished = (o: KubeObject) =>
  Boolean(
    (o.status as { completionTime?: string } | undefined)?.completionTime,
  );

/** Archives the cluster's finished runs and `prunedRuns` generated older ones. */
function buildArchive(
  cluster: FakeCluster,
  options: DemoEnvironmentOptions,
): ResultsArchive {
  const archive = new ResultsArchive();
  const tekton = [
    ...cluster.objects.values(typeKeyOfObject(PIPELINE_RUN)),
    ...cluster.objects.values(typeKeyOfObject(TASK_RUN)),
  ].filter(isFinished);
  archive.addObjects(tekton, [...cluster.logs.entries()]);
  const pruned = options.results?.prunedRuns ?? 0;
  if (pruned > 0) {
    const now = options.now ?? Date.now();
    const clusterRuns = options.scale?.runs ?? 0;
    const generated = generateScale({
      runs: pruned,
      models: Math.max(1, options.scale?.models ?? 50),
      versionsPerModel: options.scale?.versionsPerModel,
      withLogs: true,
      runNamePrefix: 'pruned-',
      // older than every run still on the cluster (generated runs are 7 minutes apart)
      now: now - (clusterRuns + 1) * 7 * 60_000,
    });
    archive.addObjects(generated.objects, generated.logs);
  }
  return archive;
}

/**
 * Starts the loopback Kubernetes API and Model Registry, seeded with the demo scenario
 * (and generated scale data when asked), with running runs moving forward.
 * @public
 */
export async function startDemoEnvironment(
  options: DemoEnvironmentOptions = {},
): Promise<DemoEnvironment> {
  const host = options.host ?? '127.0.0.1';
  const kubernetesToken = options.kubernetesToken ?? 'demo-cluster-token';
  const registryToken = options.registryToken ?? 'demo-registry-token';
  const cluster = new FakeCluster();
  const registry = new RegistryStore();
  let scenario: Scenario | undefined;
  if (options.scenario !== false) {
    scenario = buildScenario(options.now);
    seedCluster(cluster, scenario.objects, scenario.logs);
    seedRegistry(registry, scenario.registry);
  }
  let scale: ScaleData | undefined;
  if (options.scale) {
    scale = generateScale({ ...options.scale, now: options.now });
    seedCluster(cluster, scale.objects, scale.logs);
    seedRegistry(registry, scale.registry);
  }
  let simulator: RunSimulator | undefined;
  const taskSeconds = options.taskSeconds ?? 8;
  if (taskSeconds > 0) {
    simulator = new RunSimulator(cluster, {
      taskSeconds,
      // A ModelCar build that reaches register-model registers what it built, as on a cluster.
      register: plan =>
        registerBuild(registry, {
          modelName: plan.params['model-name'],
          versionName: plan.params['version-name'],
          uri: `oci://${plan.params['quay-image']}@${
            plan.digests?.quay ?? buildDigest(plan)
          }`,
          hfRepo: plan.params['hf-repo'],
          author: plan.startedBy,
        }),
    });
    for (const run of scenario?.modelCarRuns ?? []) {
      if (run.plan.status === 'Running') simulator.drive(run.plan);
    }
    simulator.start();
  }
  const kubernetes = await startKubernetesApi({
    cluster,
    token: kubernetesToken,
    port: options.kubernetesPort ?? 0,
    host,
    watchBookmarkIntervalMs: options.watchBookmarkIntervalMs,
  });
  let modelRegistry: RunningModelRegistry;
  let results: DemoEnvironment['results'];
  try {
    modelRegistry = await startModelRegistry({
      store: registry,
      token: registryToken,
      port: options.registryPort ?? 0,
      host,
    });
    if (options.results) {
      const archive = buildArchive(cluster, options);
      const token = options.results.token ?? 'demo-results-token';
      try {
        const api = await startResultsApi({
          archive,
          token,
          port: options.results.port ?? 0,
          host,
        });
        results = { api, archive, token, parent: '-' };
      } catch (error) {
        await modelRegistry.stop();
        throw error;
      }
    }
  } catch (error) {
    simulator?.stop();
    await kubernetes.stop();
    throw error;
  }
  return {
    cluster,
    registry,
    kubernetes,
    modelRegistry,
    scenario,
    scale,
    simulator,
    kubernetesToken,
    registryToken,
    results,
    async stop() {
      simulator?.stop();
      await Promise.all([
        kubernetes.stop(),
        modelRegistry.stop(),
        results?.api.stop(),
      ]);
    },
  };
}
