import { digestOf, isoTime, versionTimestamp } from './ids';
import { ModelFamily, modelFamilies } from './modelFamilies';
import { scenarioRun } from './scenarioRuns';
import {
  modelCarPipeline,
  PIPELINES_NAMESPACE,
} from './tekton/pipelineDefinitions';
import { PlanStatus, RunPlan, TaskPlan } from './tekton/runPlan';
import {
  DAY,
  HOUR,
  healthyDurations,
  MINUTE,
  sequentialTasks,
  timelineEnd,
  TimelineEntry,
} from './timeline';

/**
 * The ModelCar runs of the demo scenario as plans: the healthy runs, the running one, and
 * one run for each way the pipeline fails in the field (the causes the diagnosis rules in
 * modelops-common's `diagnosis/rules` recognise).
 */

/** A ModelCar run plan plus what the registry needs from it. @public */
export interface ModelCarRunSpec {
  plan: RunPlan;
  family: ModelFamily;
  versionName: string;
  /** True when register-model succeeded: the version exists in the registry. */
  registers: boolean;
  /** Digest of the image the registered artifact points at. */
  registeredDigest?: string;
  /** Where the registered artifact lives. */
  registeredRegistry?: 'quay' | 'internal';
  /** End of the run, epoch ms. */
  endMs: number;
}

const SECURITY_CONTEXT = { fsGroup: 1001, runAsUser: 1001 };
const SA = 'model-pipeline-sa';

function params(
  family: ModelFamily,
  versionName: string,
): Record<string, string> {
  return {
    'hf-repo': family.hfRepo,
    'hf-revision': 'main',
    'internal-image': family.internalImage,
    'quay-image': family.quayImage,
    'model-name': family.name,
    'version-name': versionName,
  };
}

interface SpecInput {
  name: string;
  family: ModelFamily;
  kind: 'quantized-w4a16' | 'full-fp16';
  startMs: number;
  tasks: Record<string, TaskPlan>;
  status: PlanStatus;
  overrides?: Partial<RunPlan>;
  registeredRegistry?: 'quay' | 'internal';
}

function spec(input: SpecInput): ModelCarRunSpec {
  const versionName = `${input.kind}-${versionTimestamp(input.startMs)}`;
  const build = digestOf(`${input.name}/image`);
  const finishSec =
    input.status === 'Running' ? undefined : timelineEnd(input.tasks);
  const plan: RunPlan = {
    name: input.name,
    namespace: PIPELINES_NAMESPACE,
    pipeline: modelCarPipeline,
    entity: input.family.entity,
    params: params(input.family, versionName),
    startMs: input.startMs,
    status: input.status,
    finishSec,
    serviceAccountName: SA,
    securityContext: SECURITY_CONTEXT,
    timeout: input.kind === 'full-fp16' ? '3h0m0s' : '2h0m0s',
    claimName: `modelcar-${input.family.entity.replace(/\./g, '-')}-ws`,
    tasks: input.tasks,
    digests: { build, internal: build, quay: build },
    startedBy: 'data-scientist-anna',
    ...input.overrides,
  };
  const registers = plan.tasks['register-model']?.status === 'Succeeded';
  return {
    plan,
    family: input.family,
    versionName,
    registers,
    registeredDigest: registers ? plan.digests?.quay : undefined,
    registeredRegistry: registers
      ? input.registeredRegistry ?? 'quay'
      : undefined,
    endMs: input.startMs + (finishSec ?? 0) * 1000,
  };
}

function healthy(
  kind: 'quantized' | 'fp16',
  overrides: Record<string, Partial<TaskPlan>> = {},
): TimelineEntry[] {
  const d = healthyDurations[kind];
  return [
    ['download-model', d.download, overrides['download-model']],
    ['build-image', d.build, overrides['build-image']],
    ['push-to-internal', d.pushInternal, overrides['push-to-internal']],
    ['push-to-quay', d.pushQuay, overrides['push-to-quay']],
    ['register-model', d.register, overrides['register-model']],
  ];
}

/** Tasks up to (and including) `last`. */
function upTo(entries: TimelineEntry[], last: string): TimelineEntry[] {
  return entries.slice(0, entries.findIndex(([name]) => name === last) + 1);
}

function failedStep(
  step: string,
  exitCode = 1,
  reason = 'Error',
  message?: string,
): Partial<TaskPlan> {
  return {
    status: 'Failed',
    step,
    stepEnd: { exitCode, reason, ...(message ? { message } : {}) },
  };
}

const WS = '/workspace/shared';

function permissionDenied(now: number): ModelCarRunSpec {
  const startMs = now - 4 * DAY - 6 * HOUR - 12 * MINUTE;
  const tasks = sequentialTasks(
    upTo(
      healthy('quantized', {
        'build-image': {
          uid: 1001,
          gid: 0,
          rewriteLogs: (step, lines) =>
            step === 'build'
              ? lines.map(line =>
                  line
                    .replace(
                      /^drwxrwsr-x\. 2 1001 root/,
                      'drwxr-x---. 2 1001 root',
                    )
                    .replace(
                      /^-rw-rw-r--\. 1 1001 root/,
                      '-rw-r-----. 1 1001 root',
                    ),
                )
              : lines,
        },
        'push-to-internal': {
          ...failedStep('push'),
          durationSec: 6,
          uid: 1000970000,
          gid: 0,
          logs: {
            push: [
              '+ id',
              'uid=1000970000(1000970000) gid=0(root) groups=0(root),1000970000',
              `+ ls -ld ${WS}/oci ${WS}/oci/image.tar`,
              `drwxr-x---. 2 1001 root 4096 Nov 14 02:41 ${WS}/oci`,
              `ls: cannot access '${WS}/oci/image.tar': Permission denied`,
              `+ stat -c '%u:%g %a %n' ${WS}/oci`,
              `1001:0 750 ${WS}/oci`,
              `+ cp ${WS}/oci/image.tar /var/tmp/push/image.tar`,
              `cp: cannot open '${WS}/oci/image.tar' for reading: Permission denied`,
            ],
          },
        },
      }),
      'push-to-internal',
    ),
  );
  return spec({
    name: 'mistral-24b-quantized-p3x9q',
    family: modelFamilies.mistral,
    kind: 'quantized-w4a16',
    startMs,
    tasks,
    status: 'Failed',
    // The run that taught the team to set fsGroup and runAsUser: it sets neither.
    overrides: {
      securityContext: undefined,
      serviceAccountName: 'pipeline',
      uid: 1000970000,
    },
  });
}

function digestMismatch(now: number): ModelCarRunSpec {
  const startMs = now - 1 * DAY - 3 * HOUR - 40 * MINUTE;
  const name = 'mistral-24b-quantized-d5m2v';
  const quay = digestOf(`${name}/quay-recompressed`);
  const result = spec({
    name,
    family: modelFamilies.mistral,
    kind: 'quantized-w4a16',
    startMs,
    tasks: sequentialTasks(
      healthy('quantized', {
        'push-to-quay': {
          extraLogs: {
            push: [
              `+ skopeo inspect --format '{{.Digest}}' docker://quay.io/private-ai/modelcar-mistral-small-24b-instruct:quantized-w4a16-${versionTimestamp(
                startMs,
              )}`,
              quay,
            ],
          },
        },
      }),
    ),
    status: 'Succeeded',
  });
  result.plan.digests = { ...result.plan.digests, quay };
  result.registeredDigest = quay;
  return result;
}

function oomKilled(now: number): ModelCarRunSpec {
  const startMs = now - 2 * DAY - 9 * HOUR - 5 * MINUTE;
  return spec({
    name: 'mistral-24b-fp16-m9q3z',
    family: modelFamilies.mistral,
    kind: 'full-fp16',
    startMs,
    tasks: sequentialTasks(
      upTo(
        healthy('fp16', {
          'build-image': {
            ...failedStep('build', 137, 'OOMKilled'),
            durationSec: 1287,
            rewriteLogs: (step, lines) =>
              step === 'build'
                ? lines.slice(
                    0,
                    lines.findIndex(l => l.startsWith('STEP 3/3')),
                  )
                : lines,
          },
        }),
        'build-image',
      ),
    ),
    status: 'Failed',
  });
}

function timedOut(now: number): ModelCarRunSpec {
  const startMs = now - 2 * DAY - 14 * HOUR;
  const name = 'granite-8b-fp16-t2w8k';
  const buildStart = 3 + healthyDurations.fp16.download + 7;
  return spec({
    name,
    family: modelFamilies.granite,
    kind: 'full-fp16',
    startMs,
    tasks: sequentialTasks(
      upTo(
        healthy('fp16', {
          'build-image': {
            status: 'TimedOut',
            step: 'build',
            durationSec: 3600 - buildStart,
            stepEnd: {
              exitCode: 1,
              reason: 'TaskRunTimeout',
              message: `Step build terminated as pod ${name}-build-image-pod is terminated`,
            },
            rewriteLogs: (step, lines) =>
              step === 'build'
                ? [
                    ...lines.slice(
                      0,
                      lines.findIndex(l => l.startsWith('Copying config')),
                    ),
                    `time="${isoTime(
                      startMs + 3590_000,
                    )}" level=warning msg="received signal terminated, stopping"`,
                  ]
                : lines,
          },
        }),
        'build-image',
      ),
    ),
    status: 'TimedOut',
    overrides: { timeout: '1h0m0s', finishSec: 3600 },
  });
}

function gpuUnschedulable(now: number): ModelCarRunSpec {
  const startMs = now - 20 * HOUR - 25 * MINUTE;
  const buildStart = 3 + healthyDurations.fp16.download + 7;
  return spec({
    name: 'llama31-8b-fp16-g4n7s',
    family: modelFamilies.llama,
    kind: 'full-fp16',
    startMs,
    tasks: sequentialTasks(
      upTo(
        healthy('fp16', {
          'build-image': {
            status: 'TimedOut',
            durationSec: 3600 - buildStart,
            unschedulable: {
              message:
                "0/6 nodes are available: 2 Insufficient nvidia.com/gpu, 3 node(s) had untolerated taint {node-role.kubernetes.io/master: }, 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/6 nodes are available: 2 No preemption victims found for incoming pod, 4 Preemption is not helpful for scheduling.",
              count: 47,
            },
          },
        }),
        'build-image',
      ),
    ),
    status: 'TimedOut',
    overrides: { timeout: '1h0m0s', finishSec: 3600 },
  });
}

function saTokenExpired(now: number): ModelCarRunSpec {
  const startMs = now - 8 * DAY - 2 * HOUR;
  const name = 'granite-8b-fp16-s4k9f';
  const image = `${
    modelFamilies.granite.internalImage
  }:full-fp16-${versionTimestamp(startMs)}`;
  const pushStart =
    startMs +
    (3 + healthyDurations.fp16.download + 7 + healthyDurations.fp16.build + 7) *
      1000;
  return spec({
    name,
    family: modelFamilies.granite,
    kind: 'full-fp16',
    startMs,
    tasks: sequentialTasks(
      upTo(
        healthy('fp16', {
          'push-to-internal': {
            ...failedStep('push'),
            durationSec: 4262,
            logs: {
              push: [
                '+ id',
                'uid=1001(1001) gid=0(root) groups=0(root),1001',
                '+ TOKEN=$(cat /var/run/secrets/kubernetes.io/serviceaccount/token)',
                `+ date -u +%FT%TZ`,
                isoTime(pushStart + 3000),
                '+ skopeo login --username serviceaccount --password-stdin image-registry.openshift-image-registry.svc:5000',
                'Login Succeeded!',
                `+ cp ${WS}/oci/image.tar /var/tmp/push/image.tar`,
                `+ date -u +%FT%TZ`,
                isoTime(pushStart + 3000 + 4080_000),
                `+ skopeo copy --digestfile /var/tmp/push/digest oci-archive:/var/tmp/push/image.tar docker://${image}`,
                'Getting image source signatures',
                `time="${isoTime(
                  pushStart + 4200_000,
                )}" level=fatal msg="copying system image from manifest list: trying to reuse blob ${digestOf(
                  `${name}/layer`,
                )} at destination: checking whether a blob ${digestOf(
                  `${name}/layer`,
                )} exists in ${
                  modelFamilies.granite.internalImage
                }: unauthorized: authentication required"`,
                `+ oc tag --source=docker ${image} private-ai/modelcar-granite-3.1-8b-instruct:latest`,
                'error: You must be logged in to the server (Unauthorized)',
              ],
            },
          },
        }),
        'push-to-internal',
      ),
    ),
    status: 'Failed',
  });
}

function cancelled(now: number): ModelCarRunSpec {
  const startMs = now - 3 * HOUR - 20 * MINUTE;
  const name = 'granite-8b-quantized-c3n8x';
  return spec({
    name,
    family: modelFamilies.granite,
    kind: 'quantized-w4a16',
    startMs,
    tasks: sequentialTasks(
      upTo(
        healthy('quantized', {
          'build-image': {
            status: 'Cancelled',
            step: 'build',
            durationSec: 296,
            stepEnd: {
              exitCode: 1,
              reason: 'TaskRunCancelled',
              message: `Step build terminated as pod ${name}-build-image-pod is terminated`,
            },
            rewriteLogs: (step, lines) =>
              step === 'build' ? lines.slice(0, 6) : lines,
          },
        }),
        'build-image',
      ),
    ),
    status: 'Cancelled',
    overrides: { specStatus: 'Cancelled', startedBy: 'platform-engineer-omar' },
  });
}

function hfAuthFailed(now: number): ModelCarRunSpec {
  const startMs = now - 3 * DAY - 4 * HOUR - 30 * MINUTE;
  const repo = modelFamilies.llama.hfRepo;
  const url = `https://huggingface.co/api/models/${repo}/revision/main`;
  const site = '/opt/app-root/lib64/python3.11/site-packages';
  return spec({
    name: 'llama31-8b-fp16-g4t7b',
    family: modelFamilies.llama,
    kind: 'full-fp16',
    startMs,
    tasks: sequentialTasks([
      [
        'download-model',
        4,
        {
          ...failedStep('download'),
          logs: {
            download: [
              '+ id',
              'uid=1001(1001) gid=0(root) groups=0(root),1001',
              `+ huggingface-cli download ${repo} --revision main --local-dir ${WS}/models/Llama-3.1-8B-Instruct --exclude '*.pth' 'original/*'`,
              'Traceback (most recent call last):',
              `  File "${site}/huggingface_hub/utils/_http.py", line 409, in hf_raise_for_status`,
              '    response.raise_for_status()',
              `  File "${site}/requests/models.py", line 1024, in raise_for_status`,
              '    raise HTTPError(http_error_msg, response=self)',
              `requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: ${url}`,
              '',
              'The above exception was the direct cause of the following exception:',
              '',
              'Traceback (most recent call last):',
              '  File "/opt/app-root/bin/huggingface-cli", line 8, in <module>',
              '    sys.exit(main())',
              `  File "${site}/huggingface_hub/utils/_http.py", line 426, in hf_raise_for_status`,
              '    raise _format(GatedRepoError, message, response) from e',
              'huggingface_hub.errors.GatedRepoError: 401 Client Error. (Request ID: Root=1-6739f21e-4b0d1c2e7f3a5b6c8d9e0f1a;2c5e8a1b-7d3f-4e6a-9b0c-1d2e3f4a5b6c)',
              '',
              `Cannot access gated repo for url ${url}.`,
              `Access to model ${repo} is restricted. You must have access to it and be authenticated to access it. Please log in.`,
            ],
          },
        },
      ],
    ]),
    status: 'Failed',
  });
}

function quayAuthFailed(now: number): ModelCarRunSpec {
  const startMs = now - 2 * DAY - 5 * HOUR - 50 * MINUTE;
  const name = 'llama31-8b-fp16-q5j2w';
  const layer = digestOf(`${name}/layer`);
  return spec({
    name,
    family: modelFamilies.llama,
    kind: 'full-fp16',
    startMs,
    tasks: sequentialTasks(
      upTo(
        healthy('fp16', {
          'push-to-quay': {
            ...failedStep('push'),
            durationSec: 212,
            rewriteLogs: (step, lines) =>
              step === 'push'
                ? [
                    ...lines.slice(
                      0,
                      lines.findIndex(l =>
                        l.startsWith('Getting image source signatures'),
                      ) + 1,
                    ),
                    `time="${isoTime(
                      startMs + 7900_000,
                    )}" level=fatal msg="trying to reuse blob ${layer} at destination: checking whether a blob ${layer} exists in ${
                      modelFamilies.llama.quayImage
                    }: unauthorized: access to the requested resource is not authorized"`,
                  ]
                : lines,
          },
        }),
        'push-to-quay',
      ),
    ),
    status: 'Failed',
  });
}

function retryExhausted(now: number): ModelCarRunSpec {
  const startMs = now - 9 * DAY - 7 * HOUR;
  const archive = `${WS}/oci/image.tar`;
  return spec({
    name: 'qwen25-7b-quantized-h6r3c',
    family: modelFamilies.qwen,
    kind: 'quantized-w4a16',
    startMs,
    tasks: sequentialTasks(
      upTo(
        healthy('quantized', {
          'push-to-internal': {
            ...failedStep('push'),
            durationSec: 63,
            logs: {
              push: [
                '+ id',
                'uid=1001(1001) gid=1001(1001) groups=1001(1001)',
                `+ for i in $(seq 1 30); do test -s ${archive} && break; echo "waiting for ${archive} (attempt $i/30)"; sleep 2; done`,
                ...Array.from(
                  { length: 30 },
                  (_, i) => `waiting for ${archive} (attempt ${i + 1}/30)`,
                ),
                `+ test -s ${archive}`,
                `ERROR: archive not found after 30 attempts: ${archive}`,
              ],
            },
          },
        }),
        'push-to-internal',
      ),
    ),
    status: 'Failed',
    // The workspace is on an NFS-backed RWX claim: another node saw the archive late.
    overrides: { claimName: 'modelcar-shared-nfs' },
  });
}

function ephemeralStorage(now: number): ModelCarRunSpec {
  const startMs = now - 4 * DAY - 11 * HOUR;
  const name = 'qwen25-7b-fp16-e7v5n';
  const message =
    'Pod ephemeral local storage usage exceeds the total limit of containers 10Gi.';
  return spec({
    name,
    family: modelFamilies.qwen,
    kind: 'full-fp16',
    startMs,
    tasks: sequentialTasks(
      upTo(
        healthy('fp16', {
          'push-to-quay': {
            ...failedStep(
              'push',
              137,
              'ContainerStatusUnknown',
              'The container could not be located when the pod was terminated',
            ),
            durationSec: 118,
            reason: 'Failed',
            message,
            pod: { phase: 'Failed', reason: 'Evicted', message },
            rewriteLogs: (_step, lines) =>
              lines.slice(0, lines.findIndex(l => l.startsWith('+ cp ')) + 1),
          },
        }),
        'push-to-quay',
      ),
    ),
    status: 'Failed',
  });
}

function healthyRun(
  name: string,
  family: ModelFamily,
  kind: 'quantized-w4a16' | 'full-fp16',
  startMs: number,
  registeredRegistry: 'quay' | 'internal' = 'quay',
): ModelCarRunSpec {
  return spec({
    name,
    family,
    kind,
    startMs,
    tasks: sequentialTasks(
      healthy(kind === 'full-fp16' ? 'fp16' : 'quantized'),
    ),
    status: 'Succeeded',
    registeredRegistry,
  });
}

function running(now: number): ModelCarRunSpec {
  const startMs = now - 20 * MINUTE;
  const d = healthyDurations.quantized;
  const pushStart = 3 + d.download + 7 + d.build + 7;
  return spec({
    name: 'mistral-24b-quantized-r8n4m',
    family: modelFamilies.mistral,
    kind: 'quantized-w4a16',
    startMs,
    tasks: sequentialTasks([
      ['download-model', d.download],
      ['build-image', d.build],
      [
        'push-to-internal',
        Math.max(5, 1200 - pushStart),
        {
          status: 'Running',
          step: 'push',
          rewriteLogs: (_s, lines) =>
            lines.slice(
              0,
              lines.findIndex(l => l.startsWith('Writing manifest')),
            ),
        },
      ],
    ]),
    status: 'Running',
  });
}

/** Every ModelCar run of the demo scenario at time `now`, oldest first. @public */
export function modelCarRunSpecs(now: number): ModelCarRunSpec[] {
  const { mistral, granite, llama, qwen } = modelFamilies;
  const specs = [
    healthyRun(
      'mistral-24b-quantized-wk62d',
      mistral,
      'quantized-w4a16',
      now - 6 * DAY - 7 * HOUR - 45 * MINUTE,
      'internal',
    ),
    healthyRun(
      'mistral-24b-fp16-x7k2p',
      mistral,
      'full-fp16',
      now - 3 * DAY - 13 * HOUR,
    ),
    running(now),
    permissionDenied(now),
    digestMismatch(now),
    oomKilled(now),
    healthyRun(
      'granite-8b-quantized-b7m3k',
      granite,
      'quantized-w4a16',
      now - 5 * DAY - 2 * HOUR - 10 * MINUTE,
    ),
    timedOut(now),
    gpuUnschedulable(now),
    saTokenExpired(now),
    cancelled(now),
    hfAuthFailed(now),
    quayAuthFailed(now),
    healthyRun(
      'llama31-8b-fp16-v8r1d',
      llama,
      'full-fp16',
      now - 1 * DAY - 9 * HOUR - 15 * MINUTE,
    ),
    healthyRun(
      'qwen25-7b-quantized-n2p6t',
      qwen,
      'quantized-w4a16',
      now - 7 * DAY - 4 * HOUR,
      'internal',
    ),
    retryExhausted(now),
    ephemeralStorage(now),
  ];
  for (const s of specs) {
    // Fails loudly if a plan drifts from the published list of scenario runs.
    const published = scenarioRun(s.plan.name);
    if (published.entity !== s.plan.entity) {
      throw new Error(
        `scenario run ${s.plan.name}: entity ${s.plan.entity} differs from ${published.entity}`,
      );
    }
  }
  return specs.sort((a, b) => a.plan.startMs - b.plan.startMs);
}
