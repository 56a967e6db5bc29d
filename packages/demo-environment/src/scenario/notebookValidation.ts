import { KubeObject } from '../kubernetes/types';
import { BuiltLog } from './tekton/buildPipelineRun';
import { isoTime, suffixOf, tektonDuration, uidOf } from './ids';
import { HOUR, MINUTE } from './timeline';

/**
 * NotebookValidationJobs of the demo scenario (DOMAIN.md section 5): the anomaly-detection
 * platform's 44 notebooks in 11 Argo CD sync waves. Early waves passed; one job's custom
 * image build failed; one notebook has a failing cell; later waves are in every phase a
 * job goes through, because a wave waits for the one before it.
 */

const NS = 'notebook-validation';
const ENTITY = 'anomaly-detection-notebooks';
const REPO = 'https://gitea.apps.demo-cluster.example.com/ai-platform/openshift-aiops-platform.git';
const BASE_IMAGE = 'image-registry.openshift-image-registry.svc:5000/redhat-ods-applications/s2i-generic-data-science-notebook:2024.2';

/** Waves and their notebooks, as in the platform's repository. */
const WAVES: Array<{ title: string; notebooks: string[] }> = [
  { title: 'setup', notebooks: ['00-environment-check', '01-platform-readiness', '02-gpu-availability', '03-storage-access'] },
  { title: 'data-collection', notebooks: ['prometheus-metrics-collection', 'openshift-events-analysis', 'log-parsing-analysis', 'synthetic-anomaly-generation'] },
  { title: 'feature-engineering', notebooks: ['metric-features', 'event-features', 'log-embeddings', 'feature-store-sync'] },
  { title: 'anomaly-models', notebooks: ['isolation-forest-implementation', 'time-series-anomaly-detection', 'lstm-based-prediction', 'autoencoder-anomalies'] },
  { title: 'ensemble', notebooks: ['ensemble-anomaly-methods', 'model-weighting', 'threshold-tuning', 'ensemble-evaluation'] },
  { title: 'self-healing', notebooks: ['rule-based-remediation', 'ai-driven-decision-making', 'hybrid-healing-workflows', 'remediation-safety-checks'] },
  { title: 'model-serving', notebooks: ['kserve-model-deployment', 'model-versioning-mlops', 'inference-pipeline-setup', 'serving-smoke-test'] },
  { title: 'end-to-end', notebooks: ['pod-crash-loop-healing', 'resource-exhaustion-detection', 'network-anomaly-response', 'complete-platform-demo'] },
  { title: 'assistant-integration', notebooks: ['mcp-server-integration', 'openshift-lightspeed-integration', 'llamastack-integration', 'assistant-end-to-end'] },
  { title: 'monitoring', notebooks: ['prometheus-metrics-monitoring', 'model-performance-monitoring', 'healing-success-tracking', 'alerting-rules'] },
  { title: 'advanced', notebooks: ['security-incident-response-automation', 'predictive-scaling-capacity-planning', 'cost-optimization-resource-efficiency', 'multi-cluster-federation'] },
];

/** The phase each wave is in; individual jobs below override it. */
const WAVE_PHASE: string[] = [
  'Succeeded', 'Succeeded', 'Succeeded', 'Succeeded', 'Succeeded', 'Succeeded',
  'ValidationRunning', 'BuildComplete', 'Building', 'Initializing', 'Pending',
];

/** Notebooks with their own story. */
const SPECIAL: Record<string, 'build-failed' | 'cell-failed' | 'silent-nan' | 'running-legacy'> = {
  'lstm-based-prediction': 'build-failed',
  'ensemble-anomaly-methods': 'cell-failed',
  'threshold-tuning': 'silent-nan',
  'serving-smoke-test': 'running-legacy',
};

/** One job of the scenario and what a reader of its status must conclude. @public */
export interface ScenarioNotebookJob {
  name: string;
  wave: number;
  notebook: string;
  phase: string;
  story?: string;
}

function levelOf(wave: number): string {
  if (wave <= 1) return 'development';
  return wave >= 6 ? 'production' : 'staging';
}

function condition(type: string, status: string, at: string, reason: string, message: string) {
  return { type, status, reason, message, lastTransitionTime: at, observedGeneration: 1 };
}

function cells(count: number, startMs: number, failing?: { index: number; message: string; output?: string }) {
  const results = [];
  let t = startMs;
  for (let i = 0; i < count; i++) {
    const seconds = 1 + ((i * 7) % 23);
    t += seconds * 1000;
    if (failing && i === failing.index) {
      results.push({ cellIndex: i, status: 'Failure', executionTime: `${seconds}.${i}s`, errorMessage: failing.message, ...(failing.output ? { output: failing.output } : {}) });
      for (let j = i + 1; j < count; j++) {
        results.push({ cellIndex: j, status: 'Skipped' });
      }
      return { results, endMs: t };
    }
    results.push({ cellIndex: i, status: 'Success', executionTime: `${seconds}.${i}s` });
  }
  return { results, endMs: t };
}

function validationPod(name: string, job: string, image: string, startMs: number, finishedAt: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: NS,
      uid: uidOf(`${NS}/${name}`),
      creationTimestamp: isoTime(startMs),
      labels: { 'mlops.dev/notebook-validation-job': job, 'backstage.io/kubernetes-id': ENTITY },
      ownerReferences: [{ apiVersion: 'mlops.mlops.dev/v1alpha1', kind: 'NotebookValidationJob', name: job, uid: uidOf(`${NS}/${job}`), controller: true, blockOwnerDeletion: true }],
    },
    spec: { restartPolicy: 'Never', serviceAccountName: 'notebook-validator-jupyter-notebook-validator-runner', containers: [{ name: 'validator', image }] },
    status: {
      phase: 'Failed',
      startTime: isoTime(startMs),
      containerStatuses: [{ name: 'validator', image, imageID: image, ready: false, restartCount: 0, started: false, state: { terminated: { exitCode: 1, reason: 'Error', startedAt: isoTime(startMs), finishedAt } } }],
    },
  };
}

/** Builds the NotebookValidationJobs, their validation pods and logs. @public */
export function buildNotebookScenario(now: number): { objects: KubeObject[]; logs: BuiltLog[]; jobs: ScenarioNotebookJob[] } {
  const objects: KubeObject[] = [];
  const logs: BuiltLog[] = [];
  const jobs: ScenarioNotebookJob[] = [];
  const syncStart = now - 9 * HOUR;

  WAVES.forEach((wave, waveIndex) => {
    wave.notebooks.forEach((notebook, i) => {
      const special = SPECIAL[notebook];
      const name = `wave${waveIndex}-${notebook}`.slice(0, 63);
      const path = `notebooks/${String(waveIndex).padStart(2, '0')}-${wave.title}/${notebook}.ipynb`;
      const createdMs = syncStart + waveIndex * 35 * MINUTE + i * 1000;
      const startMs = createdMs + 2000;
      const strategy = waveIndex >= 3 ? 'tekton' : 's2i';
      const buildName = `${notebook}-build-${suffixOf(name)}`.slice(0, 63);
      const imageRef = `image-registry.openshift-image-registry.svc:5000/${NS}/${notebook}:latest`;
      const podName = `${name}-validation-${suffixOf(`pod:${name}`)}`.slice(0, 63);
      let phase = WAVE_PHASE[waveIndex];
      const status: Record<string, unknown> = { startTime: isoTime(startMs) };
      const buildStart = startMs + 3000;
      const buildSeconds = 240 + ((i * 53 + waveIndex * 31) % 300);
      const buildEnd = buildStart + buildSeconds * 1000;
      const builtStatus = {
        phase: 'Complete',
        strategy,
        buildName,
        imageReference: `${imageRef.replace(':latest', '')}@sha256:${uidOf(name).replace(/-/g, '')}${uidOf(imageRef).replace(/-/g, '').slice(0, 32)}`,
        startTime: isoTime(buildStart),
        completionTime: isoTime(buildEnd),
        duration: tektonDuration(buildSeconds),
        message: `Build completed successfully: ${strategy === 'tekton' ? 'PipelineRun' : 'Build'} ${buildName}`,
      };
      const conditions: unknown[] = [];
      let story: string | undefined;
      let log: string[] | undefined;

      if (special === 'build-failed') {
        phase = 'Failed';
        story = 'custom image build failed; validation never ran';
        const end = buildStart + 94_000;
        status.buildStatus = {
          phase: 'Failed',
          strategy,
          buildName,
          startTime: isoTime(buildStart),
          completionTime: isoTime(end),
          duration: tektonDuration(94),
          message: `PipelineRun ${buildName} failed: task build-image step build exited with code 1: ERROR: Could not find a version that satisfies the requirement tensorflow==2.15.0rc0 (from versions: 2.16.1, 2.16.2, 2.17.0)`,
        };
        status.completionTime = isoTime(end + 1000);
        status.message = 'Build failed: the custom image could not be built; the notebook was not validated';
        conditions.push(
          condition('BuildReady', 'False', isoTime(end), 'BuildFailed', 'tekton build failed: pip install -r requirements.txt returned exit code 1'),
          condition('Ready', 'False', isoTime(end + 1000), 'BuildFailed', 'Validation not started: custom image build failed'),
        );
      } else if (special === 'cell-failed') {
        phase = 'Failed';
        story = 'cell 7 raised KeyError: the ensemble expects a model the previous wave did not save';
        status.buildStatus = builtStatus;
        const run = cells(14, buildEnd + 5000, {
          index: 7,
          message: "KeyError: 'lstm_autoencoder'",
          output: "Traceback (most recent call last):\n  Cell In[7], line 4\n    weights = {name: models[name].score(X_val) for name in ENSEMBLE_MEMBERS}\nKeyError: 'lstm_autoencoder'",
        });
        status.results = run.results;
        status.completionTime = isoTime(run.endMs);
        status.validationPodName = podName;
        status.message = 'Validation failed: 7/14 cells succeeded (50.0% success rate), cell 7 failed';
        conditions.push(
          condition('BuildReady', 'True', builtStatus.completionTime, 'BuildComplete', builtStatus.message),
          condition('ValidationComplete', 'True', isoTime(run.endMs), 'ValidationFailed', 'cell 7: KeyError: \'lstm_autoencoder\''),
          condition('Ready', 'False', isoTime(run.endMs), 'ValidationFailed', 'Notebook validation failed'),
        );
        log = [
          `[I ${isoTime(buildEnd + 5000)}] Cloning ${REPO} (ref main)`,
          `[I ${isoTime(buildEnd + 9000)}] Executing ${path} with papermill, kernel python3`,
          'Executing:  50%|█████     | 7/14 [00:52<00:41,  5.92s/cell]',
          "papermill.exceptions.PapermillExecutionError: ",
          '---------------------------------------------------------------------------',
          'Exception encountered at "In [7]":',
          'KeyError                                  Traceback (most recent call last)',
          'Cell In[7], line 4',
          '      2 ENSEMBLE_MEMBERS = ["isolation_forest", "lstm_autoencoder", "prophet"]',
          '----> 4 weights = {name: models[name].score(X_val) for name in ENSEMBLE_MEMBERS}',
          "KeyError: 'lstm_autoencoder'",
        ];
      } else if (special === 'silent-nan') {
        story = 'passed although cell 5 printed NaN scores (a silent failure)';
        status.buildStatus = builtStatus;
        const run = cells(9, buildEnd + 5000);
        run.results[5] = { ...run.results[5], output: "{'precision': nan, 'recall': nan, 'f1': nan}" } as (typeof run.results)[number];
        status.results = run.results;
        status.completionTime = isoTime(run.endMs);
        status.validationPodName = podName;
        status.message = 'Validation completed: 9/9 cells succeeded (100.0% success rate)';
        conditions.push(condition('Ready', 'True', isoTime(run.endMs), 'ValidationSucceeded', status.message as string));
      } else if (special === 'running-legacy') {
        phase = 'Running';
        story = 'older operator version: phase Running instead of ValidationRunning';
        status.validationPodName = podName;
        status.buildStatus = builtStatus;
        conditions.push(condition('Ready', 'False', isoTime(buildEnd), 'ValidationRunning', 'Validation pod is running'));
      } else if (phase === 'Succeeded') {
        const count = 6 + ((i + waveIndex) % 9);
        status.buildStatus = builtStatus;
        const run = cells(count, buildEnd + 5000);
        status.results = run.results;
        status.completionTime = isoTime(run.endMs);
        status.validationPodName = podName;
        status.message = `Validation completed: ${count}/${count} cells succeeded (100.0% success rate)`;
        conditions.push(
          condition('BuildReady', 'True', builtStatus.completionTime, 'BuildComplete', builtStatus.message),
          condition('Ready', 'True', isoTime(run.endMs), 'ValidationSucceeded', status.message as string),
        );
      } else if (phase === 'ValidationRunning') {
        status.buildStatus = builtStatus;
        status.validationPodName = podName;
        status.message = 'Validation pod is running';
        conditions.push(condition('Ready', 'False', builtStatus.completionTime, 'ValidationRunning', 'Validation pod is running'));
      } else if (phase === 'BuildComplete') {
        status.buildStatus = builtStatus;
        status.message = 'Build complete; waiting for wave 6 to finish before validating';
        conditions.push(condition('BuildReady', 'True', builtStatus.completionTime, 'BuildComplete', builtStatus.message));
      } else if (phase === 'Building') {
        status.buildStatus = { phase: 'Running', strategy, buildName, startTime: isoTime(buildStart), message: `${strategy === 'tekton' ? 'PipelineRun' : 'Build'} ${buildName} is running` };
        status.message = 'Building custom image';
        conditions.push(condition('BuildReady', 'False', isoTime(buildStart), 'BuildRunning', 'Custom image build in progress'));
      } else if (phase === 'Initializing') {
        status.message = 'Waiting for sync wave 8 to complete';
        conditions.push(condition('Ready', 'False', isoTime(startMs), 'Initializing', status.message as string));
      } else {
        delete status.startTime;
      }
      status.phase = phase;
      if (conditions.length) status.conditions = conditions;

      objects.push({
        apiVersion: 'mlops.mlops.dev/v1alpha1',
        kind: 'NotebookValidationJob',
        metadata: {
          name,
          namespace: NS,
          uid: uidOf(`${NS}/${name}`),
          generation: 1,
          creationTimestamp: isoTime(createdMs),
          labels: {
            'app.kubernetes.io/instance': 'anomaly-detection-notebooks',
            'backstage.io/kubernetes-id': ENTITY,
            'validation.mlops.dev/wave': String(waveIndex),
          },
          annotations: { 'argocd.argoproj.io/sync-wave': String(waveIndex) },
        },
        spec: {
          notebook: { git: { url: REPO, ref: 'main', credentialsSecret: 'git-credentials' }, path },
          podConfig: {
            buildConfig: { enabled: true, strategy, baseImage: BASE_IMAGE, autoGenerateRequirements: false, requirementsFile: 'requirements.txt', fallbackStrategy: 'warn' },
            containerImage: BASE_IMAGE,
            resources: { requests: { memory: '1Gi', cpu: '500m' }, limits: { memory: '4Gi', cpu: '2' } },
            serviceAccountName: 'notebook-validator-jupyter-notebook-validator-runner',
          },
          validationConfig: { level: levelOf(waveIndex), detectSilentFailures: true, checkOutputTypes: true },
          timeout: '30m',
        },
        status,
      } as KubeObject);
      if (log) {
        objects.push(validationPod(podName, name, BASE_IMAGE, startMs, String(status.completionTime)));
        logs.push({ namespace: NS, pod: podName, container: 'validator', text: `${log.join('\n')}\n` });
      }
      jobs.push({ name, wave: waveIndex, notebook, phase, story });
    });
  });
  return { objects, logs, jobs };
}
