import { KubeObject } from '../kubernetes/types';
import { BuiltLog } from './tekton/buildPipelineRun';
import { isoTime, suffixOf, tektonDuration, uidOf } from './ids';
import { HOUR, MINUTE } from './timeline';

/**
 * NotebookValidationJobs of the demo scenario: the anomaly-detection
 * platform's 44 notebooks in 11 Argo CD sync waves. Early waves passed; one job's custom
 * image build failed; one notebook has a failing cell; later waves are in every phase a
 * job goes through, because a wave waits for the one before it.
 */

const NS = 'notebook-validation';
const ENTITY = 'anomaly-detection-notebooks';
const REPO =
  'https://gitea.apps.demo-cluster.example.com/ai-platform/openshift-aiops-platform.git';
const BASE_IMAGE =
  'image-registry.openshift-image-registry.svc:5000/redhat-ods-applications/s2i-generic-data-science-notebook:2024.2';

/** Waves and their notebooks, as in the platform's repository. */
const WAVES: Array<{ title: string; notebooks: string[] }> = [
  {
    title: 'setup',
    notebooks: [
      '00-environment-check',
      '01-platform-readiness',
      '02-gpu-availability',
      '03-storage-access',
    ],
  },
  {
    title: 'data-collection',
    notebooks: [
      'prometheus-metrics-collection',
      'openshift-events-analysis',
      'log-parsing-analysis',
      'synthetic-anomaly-generation',
    ],
  },
  {
    title: 'feature-engineering',
    notebooks: [
      'metric-features',
      'event-features',
      'log-embeddings',
      'feature-store-sync',
    ],
  },
  {
    title: 'anomaly-models',
    notebooks: [
      'isolation-forest-implementation',
      'time-series-anomaly-detection',
      'lstm-based-prediction',
      'autoencoder-anomalies',
    ],
  },
  {
    title: 'ensemble',
    notebooks: [
      'ensemble-anomaly-methods',
      'model-weighting',
      'threshold-tuning',
      'ensemble-evaluation',
    ],
  },
  {
    title: 'self-healing',
    notebooks: [
      'rule-based-remediation',
      'ai-driven-decision-making',
      'hybrid-healing-workflows',
      'remediation-safety-checks',
    ],
  },
  {
    title: 'model-serving',
    notebooks: [
      'kserve-model-deployment',
      'model-versioning-mlops',
      'inference-pipeline-setup',
      'serving-smoke-test',
    ],
  },
  {
    title: 'end-to-end',
    notebooks: [
      'pod-crash-loop-healing',
      'resource-exhaustion-detection',
      'network-anomaly-response',
      'complete-platform-demo',
    ],
  },
  {
    title: 'assistant-integration',
    notebooks: [
      'mcp-server-integration',
      'openshift-lightspeed-integration',
      'llamastack-integration',
      'assistant-end-to-end',
    ],
  },
  {
    title: 'monitoring',
    notebooks: [
      'prometheus-metrics-monitoring',
      'model-performance-monitoring',
      'healing-success-tracking',
      'alerting-rules',
    ],
  },
  {
    title: 'advanced',
    notebooks: [
      'security-incident-response-automation',
      'predictive-scaling-capacity-planning',
      'cost-optimization-resource-efficiency',
      'multi-cluster-federation',
    ],
  },
];

/** The phase each wave is in; individual jobs below override it. */
const WAVE_PHASE: string[] = [
  'Succeeded',
  'Succeeded',
  'Succeeded',
  'Succeeded',
  'Succeeded',
  'Succeeded',
  'ValidationRunning',
  'BuildComplete',
  'Building',
  'Initializing',
  'Pending',
];

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

function condition(
  type: string,
  status: string,
  at: string,
  reason: string,
  message: string,
) {
  return {
    type,
    status,
    reason,
    message,
    lastTransitionTime: at,
    observedGeneration: 1,
  };
}

/** Cell results of a run of `count` cells; a failing cell skips the rest; `outputs` by cell index. */
function cells(
  count: number,
  startMs: number,
  failing?: { index: number; message: string; output?: string },
  outputs: Record<number, string> = {},
) {
  const results = [];
  let t = startMs;
  for (let i = 0; i < count; i++) {
    const seconds = 1 + ((i * 7) % 23);
    t += seconds * 1000;
    if (failing && i === failing.index) {
      results.push({
        cellIndex: i,
        status: 'Failure',
        executionTime: `${seconds}.${i}s`,
        errorMessage: failing.message,
        ...(failing.output ? { output: failing.output } : {}),
      });
      for (let j = i + 1; j < count; j++) {
        results.push({ cellIndex: j, status: 'Skipped' });
      }
      return { results, endMs: t };
    }
    results.push({
      cellIndex: i,
      status: 'Success',
      executionTime: `${seconds}.${i}s`,
      ...(outputs[i] !== undefined ? { output: outputs[i] } : {}),
    });
  }
  return { results, endMs: t };
}

function validationPod(
  name: string,
  job: string,
  image: string,
  startMs: number,
  finishedAt: string | undefined,
  exitCode: number,
): KubeObject {
  const imageID = image.includes('@sha256:') ? image : undefined;
  const running = finishedAt === undefined;
  let podPhase = exitCode === 0 ? 'Succeeded' : 'Failed';
  if (running) podPhase = 'Running';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: NS,
      uid: uidOf(`${NS}/${name}`),
      creationTimestamp: isoTime(startMs),
      // The labels the operator puts on validation pods (controllers/notebookvalidationjob pod builder).
      labels: {
        app: 'jupyter-notebook-validator',
        notebookvalidationjob: job,
        'app.kubernetes.io/name': 'jupyter-notebook-validator-operator',
        'app.kubernetes.io/component': 'validation-pod',
        'app.kubernetes.io/managed-by': 'jupyter-notebook-validator-operator',
      },
      ownerReferences: [
        {
          apiVersion: 'mlops.mlops.dev/v1alpha1',
          kind: 'NotebookValidationJob',
          name: job,
          uid: uidOf(`${NS}/${job}`),
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      restartPolicy: 'Never',
      serviceAccountName:
        'notebook-validator-jupyter-notebook-validator-runner',
      containers: [{ name: 'validator', image }],
    },
    status: {
      phase: podPhase,
      startTime: isoTime(startMs),
      containerStatuses: [
        {
          name: 'validator',
          image: image.replace(/@sha256:.*$/, ':latest'),
          imageID: imageID ?? image,
          ready: running,
          restartCount: 0,
          started: running,
          state: running
            ? { running: { startedAt: isoTime(startMs) } }
            : {
                terminated: {
                  exitCode,
                  reason: exitCode === 0 ? 'Completed' : 'Error',
                  startedAt: isoTime(startMs),
                  finishedAt,
                },
              },
        },
      ],
    },
  };
}

/** What the code of one job's story knows about the job. */
interface JobContext {
  name: string;
  notebook: string;
  waveIndex: number;
  /** Position of the notebook in its wave. */
  index: number;
  path: string;
  startMs: number;
  strategy: 'tekton' | 's2i';
  buildName: string;
  buildStart: number;
  buildEnd: number;
  podName: string;
  /** `status.buildStatus` of a build that completed. */
  builtStatus: {
    phase: string;
    strategy: string;
    buildName: string;
    imageReference: string;
    startTime: string;
    completionTime: string;
    duration: string;
    message: string;
  };
}

/** The validation pod, when validation started: which image it ran, when, and how it ended. */
interface ValidationRun {
  image: string;
  startMs: number;
  endMs?: number;
  exitCode: number;
}

/** What a story makes of a job: its phase, status fields, conditions, and validation pod. */
interface JobStory {
  phase?: string;
  story?: string;
  /** False for a job the operator has not started (no `status.startTime`). */
  started?: boolean;
  status: Record<string, unknown>;
  conditions: unknown[];
  validation?: ValidationRun;
  log?: string[];
}

function buildReady(job: JobContext) {
  return condition(
    'BuildReady',
    'True',
    job.builtStatus.completionTime,
    'BuildComplete',
    job.builtStatus.message,
  );
}

/** The papermill lines of a validation of `count` cells that ends at `endMs`. */
function papermill(job: JobContext, endMs: number, count: number): string[] {
  return [
    `[I ${isoTime(job.buildEnd + 5000)}] Cloning ${REPO} (ref main)`,
    `[I ${isoTime(job.buildEnd + 9000)}] Executing ${
      job.path
    } with papermill, kernel python3`,
    `Executing: 100%|██████████| ${count}/${count} [${Math.round(
      (endMs - job.buildEnd) / 60000,
    )}:00<00:00, cell/s]`,
    `[I ${isoTime(
      endMs,
    )}] Validation completed: ${count}/${count} cells succeeded`,
  ];
}

/** Validation of the built image, right after the build. */
function onBuiltImage(
  job: JobContext,
  endMs: number | undefined,
  exitCode: number,
): ValidationRun {
  return {
    image: job.builtStatus.imageReference,
    startMs: job.buildEnd + 5000,
    ...(endMs === undefined ? {} : { endMs }),
    exitCode,
  };
}

/** The status fields of a validation that ran `run` on the built image and ended. */
function validatedStatus(
  job: JobContext,
  run: ReturnType<typeof cells>,
  message: string,
): Record<string, unknown> {
  return {
    buildStatus: job.builtStatus,
    results: run.results,
    completionTime: isoTime(run.endMs),
    validationPodName: job.podName,
    message,
  };
}

function buildFailed(job: JobContext): JobStory {
  const end = job.buildStart + 94_000;
  return {
    phase: 'Failed',
    story: 'custom image build failed; validation never ran',
    status: {
      buildStatus: {
        phase: 'Failed',
        strategy: job.strategy,
        buildName: job.buildName,
        startTime: isoTime(job.buildStart),
        completionTime: isoTime(end),
        duration: tektonDuration(94),
        message: `PipelineRun ${job.buildName} failed: task build-image step build exited with code 1: ERROR: Could not find a version that satisfies the requirement tensorflow==2.15.0rc0 (from versions: 2.16.1, 2.16.2, 2.17.0)`,
      },
      completionTime: isoTime(end + 1000),
      message:
        'Build failed: the custom image could not be built; the notebook was not validated',
    },
    conditions: [
      condition(
        'BuildReady',
        'False',
        isoTime(end),
        'BuildFailed',
        'tekton build failed: pip install -r requirements.txt returned exit code 1',
      ),
      condition(
        'Ready',
        'False',
        isoTime(end + 1000),
        'BuildFailed',
        'Validation not started: custom image build failed',
      ),
    ],
  };
}

function validationRace(job: JobContext): JobStory {
  const raceStart = job.buildStart + 40_000;
  const run = cells(11, raceStart + 6000, {
    index: 2,
    message: "ModuleNotFoundError: No module named 'prophet'",
    output:
      "Traceback (most recent call last):\n  Cell In[2], line 3\n    from prophet import Prophet\nModuleNotFoundError: No module named 'prophet'",
  });
  return {
    phase: 'Failed',
    story:
      'validation started before the custom image build completed and ran on the base image: cell 2 could not import prophet',
    status: {
      ...validatedStatus(
        job,
        run,
        'Validation failed: 2/11 cells succeeded (18.2% success rate), cell 2 failed',
      ),
    },
    conditions: [
      condition(
        'ValidationComplete',
        'True',
        isoTime(run.endMs),
        'ValidationFailed',
        "cell 2: ModuleNotFoundError: No module named 'prophet'",
      ),
      buildReady(job),
      condition(
        'Ready',
        'False',
        isoTime(run.endMs),
        'ValidationFailed',
        'Notebook validation failed',
      ),
    ],
    validation: {
      image: BASE_IMAGE,
      startMs: raceStart,
      endMs: run.endMs,
      exitCode: 1,
    },
    log: [
      `[I ${isoTime(raceStart)}] Build ${
        job.buildName
      } not complete yet; starting validation with ${BASE_IMAGE}`,
      `[I ${isoTime(raceStart + 4000)}] Executing ${
        job.path
      } with papermill, kernel python3`,
      'Executing:  18%|█▊        | 2/11 [00:09<00:41,  4.60s/cell]',
      'papermill.exceptions.PapermillExecutionError: ',
      'Exception encountered at "In [2]":',
      'ModuleNotFoundError                       Traceback (most recent call last)',
      'Cell In[2], line 3',
      '----> 3 from prophet import Prophet',
      "ModuleNotFoundError: No module named 'prophet'",
    ],
  };
}

function goldenMismatch(job: JobContext): JobStory {
  const run = cells(12, job.buildEnd + 5000, undefined, {
    9: 'ensemble F1 on holdout: 0.612',
  });
  return {
    phase: 'Failed',
    story: 'all cells ran, but two outputs differ from the golden notebook',
    status: {
      ...validatedStatus(
        job,
        run,
        'Validation failed: 12/12 cells succeeded, golden notebook comparison failed (2 of 12 cells mismatched)',
      ),
      comparisonResult: {
        result: 'failed',
        strategy: 'normalized',
        totalCells: 12,
        matchedCells: 10,
        mismatchedCells: 2,
        diffs: [
          {
            cellIndex: 9,
            cellType: 'code',
            diffType: 'output_mismatch',
            severity: 'major',
            expected: 'ensemble F1 on holdout: 0.874',
            actual: 'ensemble F1 on holdout: 0.612',
            diff: '-ensemble F1 on holdout: 0.874\n+ensemble F1 on holdout: 0.612',
          },
          {
            cellIndex: 11,
            cellType: 'code',
            diffType: 'output_mismatch',
            severity: 'minor',
            expected: 'plot saved to ensemble.png',
            actual: 'plot saved to /tmp/ensemble.png',
            diff: '-plot saved to ensemble.png\n+plot saved to /tmp/ensemble.png',
          },
        ],
      },
    },
    conditions: [
      buildReady(job),
      condition(
        'ComparisonComplete',
        'True',
        isoTime(run.endMs),
        'ComparisonFailed',
        '2 of 12 cells differ from the golden notebook',
      ),
      condition(
        'Ready',
        'False',
        isoTime(run.endMs),
        'ValidationFailed',
        'Golden notebook comparison failed',
      ),
    ],
    validation: onBuiltImage(job, run.endMs, 1),
    log: papermill(job, run.endMs, 12).concat([
      `[E ${isoTime(
        run.endMs,
      )}] golden comparison (normalized): cells 9, 11 differ`,
    ]),
  };
}

function modelValidation(job: JobContext): JobStory {
  const run = cells(8, job.buildEnd + 5000);
  const message =
    'Validation completed: 8/8 cells succeeded (100.0% success rate); model validation passed';
  return {
    phase: 'Succeeded',
    story:
      'model validation against the served model passed (platform checks and a prediction check)',
    status: {
      ...validatedStatus(job, run, message),
      modelValidationResult: {
        success: true,
        platform: 'kserve',
        platformDetected: true,
        phase: 'both',
        message:
          'Model anomaly-ensemble v3 is served, healthy and predicts as expected',
        cleanEnvironmentCheck: {
          success: true,
          platformAvailable: true,
          rbacPermissions: true,
          networkConnectivity: true,
          crdsInstalled: ['inferenceservices.serving.kserve.io'],
          requiredLibraries: ['kserve'],
        },
        existingEnvironmentCheck: {
          success: true,
          modelsChecked: [
            {
              modelName: 'anomaly-ensemble',
              version: 'v3',
              available: true,
              healthy: true,
              message: 'InferenceService Ready',
            },
          ],
          predictionValidation: {
            success: true,
            expectedOutput: '[0, 0, 1]',
            actualOutput: '[0, 0, 1]',
            difference: '0',
            message: 'predictions match',
          },
        },
      },
    },
    conditions: [
      buildReady(job),
      condition(
        'ModelValidated',
        'True',
        isoTime(run.endMs),
        'ModelValidationSucceeded',
        'anomaly-ensemble v3 healthy',
      ),
      condition(
        'Ready',
        'True',
        isoTime(run.endMs),
        'ValidationSucceeded',
        message,
      ),
    ],
    validation: onBuiltImage(job, run.endMs, 0),
    log: papermill(job, run.endMs, 8),
  };
}

function cellFailed(job: JobContext): JobStory {
  const run = cells(14, job.buildEnd + 5000, {
    index: 7,
    message: "KeyError: 'lstm_autoencoder'",
    output:
      "Traceback (most recent call last):\n  Cell In[7], line 4\n    weights = {name: models[name].score(X_val) for name in ENSEMBLE_MEMBERS}\nKeyError: 'lstm_autoencoder'",
  });
  return {
    phase: 'Failed',
    story:
      'cell 7 raised KeyError: the ensemble expects a model the previous wave did not save',
    status: {
      ...validatedStatus(
        job,
        run,
        'Validation failed: 7/14 cells succeeded (50.0% success rate), cell 7 failed',
      ),
      retryCount: 2,
      lastRetryTime: isoTime(job.buildEnd + 4000),
    },
    conditions: [
      buildReady(job),
      condition(
        'ValidationComplete',
        'True',
        isoTime(run.endMs),
        'ValidationFailed',
        "cell 7: KeyError: 'lstm_autoencoder'",
      ),
      condition(
        'Ready',
        'False',
        isoTime(run.endMs),
        'ValidationFailed',
        'Notebook validation failed',
      ),
    ],
    validation: onBuiltImage(job, run.endMs, 1),
    log: [
      `[I ${isoTime(job.buildEnd + 5000)}] Cloning ${REPO} (ref main)`,
      `[I ${isoTime(job.buildEnd + 9000)}] Executing ${
        job.path
      } with papermill, kernel python3`,
      'Executing:  50%|█████     | 7/14 [00:52<00:41,  5.92s/cell]',
      'papermill.exceptions.PapermillExecutionError: ',
      '---------------------------------------------------------------------------',
      'Exception encountered at "In [7]":',
      'KeyError                                  Traceback (most recent call last)',
      'Cell In[7], line 4',
      '      2 ENSEMBLE_MEMBERS = ["isolation_forest", "lstm_autoencoder", "prophet"]',
      '----> 4 weights = {name: models[name].score(X_val) for name in ENSEMBLE_MEMBERS}',
      "KeyError: 'lstm_autoencoder'",
    ],
  };
}

function silentNan(job: JobContext): JobStory {
  const run = cells(9, job.buildEnd + 5000, undefined, {
    5: "{'precision': nan, 'recall': nan, 'f1': nan}",
  });
  const message =
    'Validation completed: 9/9 cells succeeded (100.0% success rate)';
  return {
    story: 'passed although cell 5 printed NaN scores (a silent failure)',
    status: validatedStatus(job, run, message),
    conditions: [
      condition(
        'Ready',
        'True',
        isoTime(run.endMs),
        'ValidationSucceeded',
        message,
      ),
    ],
    validation: onBuiltImage(job, run.endMs, 0),
    log: papermill(job, run.endMs, 9),
  };
}

/** A validation still running; `phase` is what the operator version writes. */
function validationRunning(job: JobContext, phase: string): JobStory {
  return {
    phase,
    status: {
      buildStatus: job.builtStatus,
      validationPodName: job.podName,
    },
    conditions: [],
    validation: onBuiltImage(job, undefined, 0),
    log: papermill(job, job.buildEnd + 60_000, 10).slice(0, 2),
  };
}

function runningLegacy(job: JobContext): JobStory {
  const running = validationRunning(job, 'Running');
  return {
    ...running,
    story: 'older operator version: phase Running instead of ValidationRunning',
    conditions: [
      condition(
        'Ready',
        'False',
        isoTime(job.buildEnd),
        'ValidationRunning',
        'Validation pod is running',
      ),
    ],
  };
}

function waveValidationRunning(job: JobContext): JobStory {
  const running = validationRunning(job, 'ValidationRunning');
  return {
    ...running,
    status: { ...running.status, message: 'Validation pod is running' },
    conditions: [
      condition(
        'Ready',
        'False',
        job.builtStatus.completionTime,
        'ValidationRunning',
        'Validation pod is running',
      ),
    ],
  };
}

function succeeded(job: JobContext): JobStory {
  const count = 6 + ((job.index + job.waveIndex) % 9);
  const run = cells(count, job.buildEnd + 5000);
  const message = `Validation completed: ${count}/${count} cells succeeded (100.0% success rate)`;
  return {
    status: validatedStatus(job, run, message),
    conditions: [
      buildReady(job),
      condition(
        'Ready',
        'True',
        isoTime(run.endMs),
        'ValidationSucceeded',
        message,
      ),
    ],
    validation: onBuiltImage(job, run.endMs, 0),
    log: papermill(job, run.endMs, count),
  };
}

function buildComplete(job: JobContext): JobStory {
  return {
    status: {
      buildStatus: job.builtStatus,
      message: 'Build complete; waiting for wave 6 to finish before validating',
    },
    conditions: [buildReady(job)],
  };
}

function building(job: JobContext): JobStory {
  return {
    status: {
      buildStatus: {
        phase: 'Running',
        strategy: job.strategy,
        buildName: job.buildName,
        startTime: isoTime(job.buildStart),
        message: `${job.strategy === 'tekton' ? 'PipelineRun' : 'Build'} ${
          job.buildName
        } is running`,
      },
      message: 'Building custom image',
    },
    conditions: [
      condition(
        'BuildReady',
        'False',
        isoTime(job.buildStart),
        'BuildRunning',
        'Custom image build in progress',
      ),
    ],
  };
}

function initializing(job: JobContext): JobStory {
  const message = 'Waiting for sync wave 8 to complete';
  return {
    status: { message },
    conditions: [
      condition(
        'Ready',
        'False',
        isoTime(job.startMs),
        'Initializing',
        message,
      ),
    ],
  };
}

function pending(): JobStory {
  return { started: false, status: {}, conditions: [] };
}

/** Notebooks with their own story. */
const SPECIAL: Record<string, (job: JobContext) => JobStory> = {
  'lstm-based-prediction': buildFailed,
  'autoencoder-anomalies': validationRace,
  'ensemble-anomaly-methods': cellFailed,
  'threshold-tuning': silentNan,
  'ensemble-evaluation': goldenMismatch,
  'kserve-model-deployment': modelValidation,
  'serving-smoke-test': runningLegacy,
};

/** The other notebooks: the story of their wave's phase. */
const BY_WAVE_PHASE: Record<string, (job: JobContext) => JobStory> = {
  Succeeded: succeeded,
  ValidationRunning: waveValidationRunning,
  BuildComplete: buildComplete,
  Building: building,
  Initializing: initializing,
};

function jobContext(
  syncStart: number,
  waveIndex: number,
  wave: { title: string },
  notebook: string,
  index: number,
): JobContext {
  const name = `wave${waveIndex}-${notebook}`.slice(0, 63);
  const startMs = syncStart + waveIndex * 35 * MINUTE + index * 1000 + 2000;
  const strategy = waveIndex >= 3 ? 'tekton' : 's2i';
  const buildName = `${notebook}-build-${suffixOf(name)}`.slice(0, 63);
  const imageRef = `image-registry.openshift-image-registry.svc:5000/${NS}/${notebook}:latest`;
  const buildStart = startMs + 3000;
  const buildSeconds = 240 + ((index * 53 + waveIndex * 31) % 300);
  const buildEnd = buildStart + buildSeconds * 1000;
  return {
    name,
    notebook,
    waveIndex,
    index,
    path: `notebooks/${String(waveIndex).padStart(2, '0')}-${
      wave.title
    }/${notebook}.ipynb`,
    startMs,
    strategy,
    buildName,
    buildStart,
    buildEnd,
    podName: `${name}-validation-${suffixOf(`pod:${name}`)}`.slice(0, 63),
    builtStatus: {
      phase: 'Complete',
      strategy,
      buildName,
      imageReference: `${imageRef.replace(':latest', '')}@sha256:${uidOf(
        name,
      ).replace(/-/g, '')}${uidOf(imageRef).replace(/-/g, '').slice(0, 32)}`,
      startTime: isoTime(buildStart),
      completionTime: isoTime(buildEnd),
      duration: tektonDuration(buildSeconds),
      message: `Build completed successfully: ${
        strategy === 'tekton' ? 'PipelineRun' : 'Build'
      } ${buildName}`,
    },
  };
}

function notebookValidationJob(
  job: JobContext,
  status: Record<string, unknown>,
): KubeObject {
  return {
    apiVersion: 'mlops.mlops.dev/v1alpha1',
    kind: 'NotebookValidationJob',
    metadata: {
      name: job.name,
      namespace: NS,
      uid: uidOf(`${NS}/${job.name}`),
      generation: 1,
      creationTimestamp: isoTime(job.startMs - 2000),
      labels: {
        'app.kubernetes.io/instance': 'anomaly-detection-notebooks',
        'backstage.io/kubernetes-id': ENTITY,
        'validation.mlops.dev/wave': String(job.waveIndex),
      },
      annotations: { 'argocd.argoproj.io/sync-wave': String(job.waveIndex) },
    },
    spec: {
      notebook: {
        git: {
          url: REPO,
          ref: 'main',
          credentialsSecret: 'git-credentials',
        },
        path: job.path,
      },
      podConfig: {
        buildConfig: {
          enabled: true,
          strategy: job.strategy,
          baseImage: BASE_IMAGE,
          autoGenerateRequirements: false,
          requirementsFile: 'requirements.txt',
          fallbackStrategy: 'warn',
        },
        containerImage: BASE_IMAGE,
        resources: {
          requests: { memory: '1Gi', cpu: '500m' },
          limits: { memory: '4Gi', cpu: '2' },
        },
        serviceAccountName:
          'notebook-validator-jupyter-notebook-validator-runner',
      },
      validationConfig: {
        level: levelOf(job.waveIndex),
        detectSilentFailures: true,
        checkOutputTypes: true,
      },
      timeout: '30m',
    },
    status,
  } as KubeObject;
}

/** Builds the NotebookValidationJobs, their validation pods and logs. @public */
export function buildNotebookScenario(now: number): {
  objects: KubeObject[];
  logs: BuiltLog[];
  jobs: ScenarioNotebookJob[];
} {
  const objects: KubeObject[] = [];
  const logs: BuiltLog[] = [];
  const jobs: ScenarioNotebookJob[] = [];
  const syncStart = now - 9 * HOUR;

  WAVES.forEach((wave, waveIndex) => {
    wave.notebooks.forEach((notebook, index) => {
      const job = jobContext(syncStart, waveIndex, wave, notebook, index);
      const wavePhase = WAVE_PHASE[waveIndex];
      const tell = SPECIAL[notebook] ?? BY_WAVE_PHASE[wavePhase] ?? pending;
      const told = tell(job);
      const phase = told.phase ?? wavePhase;
      const status: Record<string, unknown> = {
        ...(told.started === false ? {} : { startTime: isoTime(job.startMs) }),
        ...told.status,
        phase,
        ...(told.conditions.length ? { conditions: told.conditions } : {}),
      };
      objects.push(notebookValidationJob(job, status));
      const validation = told.validation;
      if (validation) {
        objects.push(
          validationPod(
            job.podName,
            job.name,
            validation.image,
            validation.startMs,
            validation.endMs === undefined
              ? undefined
              : isoTime(validation.endMs),
            validation.exitCode,
          ),
        );
        logs.push({
          namespace: NS,
          pod: job.podName,
          container: 'validator',
          text: `${(told.log ?? []).join('\n')}\n`,
        });
      }
      jobs.push({
        name: job.name,
        wave: waveIndex,
        notebook,
        phase,
        story: told.story,
      });
    });
  });
  return { objects, logs, jobs };
}
