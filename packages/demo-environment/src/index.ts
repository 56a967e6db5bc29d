/**
 * A loopback Kubernetes API and Kubeflow Model Registry seeded with a realistic ModelOps
 * scenario, for the demo portal, tests and benchmarks. Never for production.
 *
 * @packageDocumentation
 */
export { demoEnvironmentPlugin as default } from './plugin';
export { startDemoEnvironment } from './DemoEnvironment';
export type {
  DemoEnvironment,
  DemoEnvironmentOptions,
} from './DemoEnvironment';
export {
  buildScenario,
  seedCluster,
  seedRegistry,
  typeKeyOfObject,
} from './scenario/buildScenario';
export type { Scenario } from './scenario/buildScenario';
export { generateScale } from './scenario/generateScale';
export type { ScaleData, ScaleOptions } from './scenario/generateScale';
export { scenarioRuns, scenarioRun } from './scenario/scenarioRuns';
export type { ScenarioRun } from './scenario/scenarioRuns';
export type { ScenarioNotebookJob } from './scenario/notebookValidation';
export { RunSimulator } from './scenario/RunSimulator';
export {
  DEMO_SECRET_VALUES,
  pipelineCredentialObjects,
} from './scenario/pipelineCredentials';
export { FakeCluster } from './kubernetes/FakeCluster';
export {
  createKubernetesApiHandler,
  startKubernetesApi,
} from './kubernetes/KubernetesApiServer';
export type {
  KubernetesApiHandlerOptions,
  KubernetesApiOptions,
  RunningKubernetesApi,
} from './kubernetes/KubernetesApiServer';
export { RegistryStore } from './modelRegistry/RegistryStore';
export type { KubeObject } from './kubernetes/types';
export { ResultsArchive, RECORD_TYPES } from './results/ResultsArchive';
export { startResultsApi } from './results/ResultsApiServer';
export type {
  ResultsApiOptions,
  RunningResultsApi,
} from './results/ResultsApiServer';
