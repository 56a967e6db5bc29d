/**
 * The runs of the demo scenario, with the diagnosis each one must get. This list is the
 * contract between the demo environment and the diagnosis rules: other packages test that
 * their diagnosis of each run (read from the fake cluster) gives `expectedDiagnosis`.
 */

/** One run of the scenario. @public */
export interface ScenarioRun {
  name: string;
  namespace: string;
  pipeline: 'modelcar-build-deploy-v2' | 'model-evaluation';
  /** Registered model the run builds or evaluates. */
  model: string;
  /** `backstage.io/kubernetes-id` label of the run. */
  entity: string;
  /** What Tekton says of the run. */
  status: 'Succeeded' | 'Failed' | 'Running' | 'Cancelled' | 'TimedOut';
  /** Diagnosis code from the shared vocabulary; undefined for healthy runs. */
  expectedDiagnosis?: string;
  /** Task where the problem shows. */
  failedTask?: string;
  /** What the run shows, in one line. */
  story: string;
}

const NS = 'private-ai';
const MODELCAR = 'modelcar-build-deploy-v2' as const;
const EVAL = 'model-evaluation' as const;
const MISTRAL = {
  model: 'Mistral-Small-24B-Instruct',
  entity: 'mistral-small-24b-instruct',
};
const GRANITE = {
  model: 'Granite-3.1-8B-Instruct',
  entity: 'granite-3.1-8b-instruct',
};
const LLAMA = {
  model: 'Llama-3.1-8B-Instruct',
  entity: 'llama-3.1-8b-instruct',
};
const QWEN = { model: 'Qwen2.5-7B-Instruct', entity: 'qwen2.5-7b-instruct' };

/** Every run of the demo scenario. @public */
export const scenarioRuns: readonly ScenarioRun[] = Object.freeze([
  {
    name: 'mistral-24b-quantized-wk62d',
    namespace: NS,
    pipeline: MODELCAR,
    ...MISTRAL,
    status: 'Succeeded',
    story:
      'quantized w4a16 build: one digest from build to both registries, version registered',
  },
  {
    name: 'mistral-24b-fp16-x7k2p',
    namespace: NS,
    pipeline: MODELCAR,
    ...MISTRAL,
    status: 'Succeeded',
    story:
      'full fp16 build: a 1 h 50 min build-image and a 15 GB archive, version registered',
  },
  {
    name: 'mistral-24b-quantized-r8n4m',
    namespace: NS,
    pipeline: MODELCAR,
    ...MISTRAL,
    status: 'Running',
    story: 'in progress: download and build done, push-to-internal running',
  },
  {
    name: 'mistral-24b-quantized-p3x9q',
    namespace: NS,
    pipeline: MODELCAR,
    ...MISTRAL,
    status: 'Failed',
    expectedDiagnosis: 'workspace-permission-denied',
    failedTask: 'push-to-internal',
    story:
      'push-to-internal (uid 1000970000) cannot read oci/image.tar written by build-image (uid 1001): no fsGroup, directory without group bits',
  },
  {
    name: 'mistral-24b-quantized-d5m2v',
    namespace: NS,
    pipeline: MODELCAR,
    ...MISTRAL,
    status: 'Succeeded',
    expectedDiagnosis: 'digest-mismatch',
    failedTask: 'push-to-quay',
    story:
      'Tekton says Succeeded but push-to-quay pushed another digest than build-image; the registered version points at the Quay digest',
  },
  {
    name: 'mistral-24b-fp16-m9q3z',
    namespace: NS,
    pipeline: MODELCAR,
    ...MISTRAL,
    status: 'Failed',
    expectedDiagnosis: 'oom-killed',
    failedTask: 'build-image',
    story:
      'build-image step-build OOMKilled (exit code 137) copying the fp16 weights with an 8Gi limit',
  },
  {
    name: 'granite-8b-quantized-b7m3k',
    namespace: NS,
    pipeline: MODELCAR,
    ...GRANITE,
    status: 'Succeeded',
    story:
      'quantized build, version registered and served by granite-8b-instruct',
  },
  {
    name: 'granite-8b-fp16-t2w8k',
    namespace: NS,
    pipeline: MODELCAR,
    ...GRANITE,
    status: 'TimedOut',
    expectedDiagnosis: 'timeout',
    failedTask: 'build-image',
    story:
      'full fp16 build still running when the 1h0m0s pipeline timeout hit (PipelineRunTimeout, TaskRunTimeout)',
  },
  {
    name: 'llama31-8b-fp16-g4n7s',
    namespace: NS,
    pipeline: MODELCAR,
    ...LLAMA,
    status: 'TimedOut',
    expectedDiagnosis: 'pod-unschedulable',
    failedTask: 'build-image',
    story:
      'the build pod waited an hour for a GPU (FailedScheduling: Insufficient nvidia.com/gpu) and never ran a step: the timeout is a consequence',
  },
  {
    name: 'granite-8b-fp16-s4k9f',
    namespace: NS,
    pipeline: MODELCAR,
    ...GRANITE,
    status: 'Failed',
    expectedDiagnosis: 'sa-token-expired',
    failedTask: 'push-to-internal',
    story:
      'a 71 min copy and push in push-to-internal outlived the service account token read at its start',
  },
  {
    name: 'granite-8b-quantized-c3n8x',
    namespace: NS,
    pipeline: MODELCAR,
    ...GRANITE,
    status: 'Cancelled',
    expectedDiagnosis: 'cancelled',
    failedTask: 'build-image',
    story: 'cancelled by a user during build-image (spec.status: Cancelled)',
  },
  {
    name: 'llama31-8b-fp16-g4t7b',
    namespace: NS,
    pipeline: MODELCAR,
    ...LLAMA,
    status: 'Failed',
    expectedDiagnosis: 'hf-auth-failed',
    failedTask: 'download-model',
    story:
      'download of the gated meta-llama repository refused: GatedRepoError, 401 Client Error',
  },
  {
    name: 'llama31-8b-fp16-q5j2w',
    namespace: NS,
    pipeline: MODELCAR,
    ...LLAMA,
    status: 'Failed',
    expectedDiagnosis: 'registry-auth-failed',
    failedTask: 'push-to-quay',
    story:
      'Quay refused the robot account: unauthorized: access to the requested resource is not authorized',
  },
  {
    name: 'llama31-8b-fp16-v8r1d',
    namespace: NS,
    pipeline: MODELCAR,
    ...LLAMA,
    status: 'Succeeded',
    story:
      'full fp16 build after the token and robot account were fixed, version registered',
  },
  {
    name: 'qwen25-7b-quantized-n2p6t',
    namespace: NS,
    pipeline: MODELCAR,
    ...QWEN,
    status: 'Succeeded',
    story:
      'quantized build, version registered (its InferenceService fails to load the model)',
  },
  {
    name: 'qwen25-7b-quantized-h6r3c',
    namespace: NS,
    pipeline: MODELCAR,
    ...QWEN,
    status: 'Failed',
    expectedDiagnosis: 'retry-exhausted',
    failedTask: 'push-to-internal',
    story:
      'push-to-internal polled for the archive 30 x 2 s on a slow NFS volume and gave up: archive not found after 30 attempts',
  },
  {
    name: 'qwen25-7b-fp16-e7v5n',
    namespace: NS,
    pipeline: MODELCAR,
    ...QWEN,
    status: 'Failed',
    expectedDiagnosis: 'ephemeral-storage-evicted',
    failedTask: 'push-to-quay',
    story:
      'push-to-quay copied the 15 GB archive to /var/tmp and the pod was evicted for ephemeral storage',
  },
  {
    name: 'eval-mistral-24b-quantized-f4h8s',
    namespace: NS,
    pipeline: EVAL,
    ...MISTRAL,
    status: 'Succeeded',
    story:
      'lm-eval and guidellm of quantized-w4a16-2501, results published to the version',
  },
  {
    name: 'eval-granite-8b-quantized-k2d7m',
    namespace: NS,
    pipeline: EVAL,
    ...GRANITE,
    status: 'Succeeded',
    story:
      'lm-eval and guidellm of the Granite quantized version, results published',
  },
  {
    name: 'eval-mistral-24b-quantized-z9w3r',
    namespace: NS,
    pipeline: EVAL,
    ...MISTRAL,
    status: 'Succeeded',
    expectedDiagnosis: 'eval-version-not-registered',
    failedTask: 'publish-results',
    story:
      '"Succeeded" but version_name quantized-w4a16-2502 does not exist in the registry: results were published nowhere',
  },
  {
    name: 'eval-mistral-24b-quantized-j6b4t',
    namespace: NS,
    pipeline: EVAL,
    ...MISTRAL,
    status: 'Succeeded',
    expectedDiagnosis: 'eval-model-not-registered',
    failedTask: 'publish-results',
    story:
      '"Succeeded" but model_name is the Hugging Face name Mistral-Small-24B-Instruct-2501, not the registered model',
  },
]);

/** The run of the scenario with that name. @public */
export function scenarioRun(name: string): ScenarioRun {
  const run = scenarioRuns.find(r => r.name === name);
  if (!run) {
    throw new Error(`the demo scenario has no run named ${name}`);
  }
  return run;
}
