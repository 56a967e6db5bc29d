import path from 'node:path';
import { diagnosePipelineRun, diagnoseSummary } from './diagnose';
import { DiagnosisRule } from './types';
import { interpretPipelineRun } from '../tekton/interpretPipelineRun';
import { Diagnosis } from '../tekton/types';
import {
  readJsonFixture,
  readLocalText,
} from '../tekton/__testUtils__/sharedFixtures';
import {
  BUILD_DIGEST,
  buildPod,
  buildRun,
  BuiltRun,
  logKey,
  OTHER_DIGEST,
  RunSpec,
  TaskSpec,
} from './__fixtures__/modelCarRun';

const RUN = 'mistral-24b-quantized-wk62d';
const log = (name: string) =>
  readLocalText(path.join(__dirname, '__fixtures__/logs'), name);
const tektonLog = (name: string) =>
  readLocalText(path.join(__dirname, '../tekton/__fixtures__/logs'), name);

const ok = (name: string, extra: Partial<TaskSpec> = {}): TaskSpec => ({
  name,
  outcome: 'Succeeded',
  steps: [{ name: 'main' }],
  ...extra,
});
const failedRun = {
  status: 'False' as const,
  reason: 'Failed',
  message: 'Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 2',
};
const digests = { results: { IMAGE_DIGEST: BUILD_DIGEST } };

interface Case {
  title: string;
  code: string;
  run: RunSpec;
  logs?: Record<string, string>;
  pods?: (built: BuiltRun) => unknown[];
  /** Evidence the diagnosis must contain. */
  evidence?: Array<Record<string, unknown>>;
  /** Text the explanation and remediation must contain (names of tasks, fields, params). */
  explains?: RegExp[];
  remedies?: RegExp[];
}

const cases: Case[] = [
  {
    title: 'push-to-internal cannot read oci/image.tar written by build-image',
    code: 'workspace-permission-denied',
    run: {
      condition: failedRun,
      securityContext: { runAsUser: 1001 },
      tasks: [
        ok('download-model'),
        ok('build-image', digests),
        {
          name: 'push-to-internal',
          outcome: 'Failed',
          steps: [{ name: 'push', exitCode: 1 }],
        },
      ],
    },
    logs: {
      [logKey(RUN, 'push-to-internal', 'push')]: log(
        'push-permission-denied.log',
      ),
    },
    evidence: [
      {
        source: 'log',
        task: 'push-to-internal',
        step: 'push',
        exitCode: 1,
        logLines: [
          "ls: cannot open directory '/workspace/shared/oci': Permission denied",
          "stat: cannot statx '/workspace/shared/oci/image.tar': Permission denied",
          'time="2025-01-30T10:42:07Z" level=fatal msg="Error parsing image name \\"oci-archive:/workspace/shared/oci/image.tar\\": open /workspace/shared/oci/image.tar: permission denied"',
        ],
      },
    ],
    explains: [
      /`build-image` wrote/,
      /UID/,
      /fsGroup/,
      /no fsGroup and runAsUser 1001/,
      /\/workspace\/shared\/oci\/image\.tar/,
    ],
    remedies: [
      /spec\.taskRunTemplate\.podTemplate\.securityContext\.fsGroup/,
      /runAsUser/,
      /chmod g\+rx/,
      /model-pipeline-sa/,
    ],
  },
  {
    title:
      'download-model cannot create the model directory (Python PermissionError)',
    code: 'workspace-permission-denied',
    run: {
      condition: failedRun,
      tasks: [
        {
          name: 'download-model',
          outcome: 'Failed',
          steps: [{ name: 'download', exitCode: 1 }],
        },
      ],
    },
    logs: {
      [logKey(RUN, 'download-model', 'download')]: log(
        'download-python-permission-denied.log',
      ),
    },
    evidence: [
      {
        source: 'log',
        task: 'download-model',
        step: 'download',
        exitCode: 1,
        logLines: [
          "PermissionError: [Errno 13] Permission denied: '/workspace/shared/models/mistral-small-24b-instruct'",
        ],
      },
    ],
    explains: [/sets no `fsGroup` or `runAsUser`/],
  },
  {
    title:
      'push-to-quay pushed another digest than build-image built (run "Succeeded")',
    code: 'digest-mismatch',
    run: {
      tasks: [
        ok('download-model'),
        ok('build-image', digests),
        ok('push-to-internal', digests),
        ok('push-to-quay', { results: { IMAGE_DIGEST: OTHER_DIGEST } }),
        ok('register-model'),
      ],
    },
    evidence: [
      {
        source: 'result',
        task: 'build-image',
        message: `IMAGE_DIGEST=${BUILD_DIGEST}`,
      },
      {
        source: 'result',
        task: 'push-to-internal',
        message: `IMAGE_DIGEST=${BUILD_DIGEST}`,
      },
      {
        source: 'result',
        task: 'push-to-quay',
        message: `IMAGE_DIGEST=${OTHER_DIGEST}`,
      },
    ],
    explains: [
      /`push-to-quay` \(Quay\) reported `sha256:9a1d/,
      /Tekton calls the run Succeeded/,
    ],
    remedies: [
      /\$\(tasks\.build-image\.results\.IMAGE_DIGEST\)/,
      /--preserve-digests/,
    ],
  },
  {
    title:
      'digests read from the logs only (skopeo inspect vs the pushed digest file)',
    code: 'digest-mismatch',
    run: {
      tasks: [
        ok('download-model'),
        ok('build-image', { steps: [{ name: 'build' }] }),
        ok('push-to-quay', { steps: [{ name: 'push' }] }),
      ],
    },
    logs: {
      [logKey(RUN, 'build-image', 'build')]: tektonLog(
        'build-skopeo-inspect.log',
      ),
      [logKey(RUN, 'push-to-quay', 'push')]: tektonLog(
        'push-quay-other-digest.log',
      ),
    },
    evidence: [
      {
        source: 'log',
        task: 'build-image',
        step: 'build',
        logLines: [`"Digest": "${BUILD_DIGEST}",`],
      },
      {
        source: 'log',
        task: 'push-to-quay',
        step: 'push',
        logLines: [OTHER_DIGEST],
      },
    ],
  },
  {
    title: 'push-to-internal polled for the archive 30 times and gave up',
    code: 'retry-exhausted',
    run: {
      condition: failedRun,
      tasks: [
        ok('download-model'),
        ok('build-image', digests),
        {
          name: 'push-to-internal',
          outcome: 'Failed',
          steps: [{ name: 'wait-and-push', exitCode: 1 }],
        },
      ],
    },
    logs: {
      [logKey(RUN, 'push-to-internal', 'wait-and-push')]: log(
        'push-waited-for-archive.log',
      ),
    },
    evidence: [
      {
        source: 'log',
        task: 'push-to-internal',
        step: 'wait-and-push',
        exitCode: 1,
        logLines: [
          'ERROR: /workspace/shared/oci/image.tar not found after 30 attempts, giving up',
        ],
      },
    ],
    explains: [/waiting for `\/workspace\/shared\/oci\/image\.tar`/],
    remedies: [/runAfter: \[build-image\]/],
  },
  {
    title:
      'push-to-internal and push-to-quay overlapped and push-to-quay failed',
    code: 'parallel-push-race',
    run: {
      condition: failedRun,
      parallelPushes: true,
      tasks: [
        ok('download-model'),
        ok('build-image', {
          ...digests,
          startTime: '2025-01-30T10:10:00Z',
          completionTime: '2025-01-30T10:40:00Z',
        }),
        ok('push-to-internal', {
          ...digests,
          startTime: '2025-01-30T10:40:05Z',
          completionTime: '2025-01-30T10:45:10Z',
        }),
        {
          name: 'push-to-quay',
          outcome: 'Failed',
          startTime: '2025-01-30T10:40:05Z',
          completionTime: '2025-01-30T10:46:03Z',
          steps: [{ name: 'push', exitCode: 1 }],
        },
      ],
    },
    logs: {
      [logKey(RUN, 'push-to-quay', 'push')]: log(
        'push-quay-unexpected-eof.log',
      ),
    },
    evidence: [
      {
        source: 'condition',
        task: 'push-to-internal',
        reason: 'Succeeded',
        message: `Succeeded; ran 2025-01-30T10:40:05Z to 2025-01-30T10:45:10Z; digest ${BUILD_DIGEST}`,
      },
      {
        source: 'condition',
        task: 'push-to-quay',
        reason: 'Failed',
        message: 'Failed; ran 2025-01-30T10:40:05Z to 2025-01-30T10:46:03Z',
      },
    ],
    remedies: [
      /add `runAfter: \[push-to-internal\]` to `push-to-quay` in Pipeline `modelcar-build-deploy-v2`/,
    ],
  },
  {
    title:
      'pushes overlapped on a run Tekton calls Succeeded, and Quay got another digest',
    code: 'parallel-push-race',
    run: {
      parallelPushes: true,
      tasks: [
        ok('download-model'),
        ok('build-image', digests),
        ok('push-to-internal', {
          ...digests,
          startTime: '2025-01-30T10:40:05Z',
          completionTime: '2025-01-30T10:45:10Z',
        }),
        ok('push-to-quay', {
          results: { IMAGE_DIGEST: OTHER_DIGEST },
          startTime: '2025-01-30T10:40:06Z',
          completionTime: '2025-01-30T10:47:00Z',
        }),
        ok('register-model'),
      ],
    },
    evidence: [
      {
        source: 'condition',
        task: 'push-to-quay',
        reason: 'Succeeded',
        message: `Succeeded; ran 2025-01-30T10:40:06Z to 2025-01-30T10:47:00Z; digest ${OTHER_DIGEST}`,
      },
    ],
  },
  {
    title: 'skopeo says "text file busy" on the archive',
    code: 'parallel-push-race',
    run: {
      condition: failedRun,
      tasks: [
        ok('download-model'),
        ok('build-image', digests),
        ok('push-to-internal', digests),
        {
          name: 'push-to-quay',
          outcome: 'Failed',
          steps: [{ name: 'push', exitCode: 1 }],
        },
      ],
    },
    logs: {
      [logKey(RUN, 'push-to-quay', 'push')]: log('push-text-file-busy.log'),
    },
    evidence: [
      { source: 'log', task: 'push-to-quay', step: 'push', exitCode: 1 },
    ],
  },
  {
    title:
      'oc in register-model: You must be logged in to the server (Unauthorized)',
    code: 'sa-token-expired',
    run: {
      condition: failedRun,
      tasks: [
        ok('download-model'),
        ok('build-image', digests),
        ok('push-to-internal', digests),
        ok('push-to-quay', digests),
        {
          name: 'register-model',
          outcome: 'Failed',
          steps: [{ name: 'register', exitCode: 1 }],
        },
      ],
    },
    logs: {
      [logKey(RUN, 'register-model', 'register')]: log('oc-unauthorized.log'),
    },
    evidence: [
      {
        source: 'log',
        task: 'register-model',
        step: 'register',
        exitCode: 1,
        logLines: ['error: You must be logged in to the server (Unauthorized)'],
      },
    ],
    explains: [/`model-pipeline-sa`/, /about an hour/],
  },
  {
    title:
      'a build and push in one pod ran 95 min, then the internal registry said unauthorized',
    code: 'sa-token-expired',
    run: {
      condition: failedRun,
      tasks: [
        ok('download-model'),
        {
          name: 'build-image',
          outcome: 'Failed',
          startTime: '2025-01-30T10:10:00Z',
          completionTime: '2025-01-30T11:45:00Z',
          steps: [{ name: 'build' }, { name: 'push', exitCode: 1 }],
        },
      ],
    },
    logs: {
      [logKey(RUN, 'build-image', 'push')]: log(
        'push-internal-unauthorized.log',
      ),
    },
    evidence: [
      {
        source: 'log',
        task: 'build-image',
        step: 'push',
        exitCode: 1,
        message: 'task ran 95 min before the push',
      },
    ],
    explains: [
      /^Step `push` of task `build-image` \(exit code 1\) was refused with `Unauthorized` after the task had run 95 min/,
    ],
  },
  {
    title: 'push-to-quay was evicted for ephemeral storage (pod status)',
    code: 'ephemeral-storage-evicted',
    run: {
      condition: failedRun,
      tasks: [
        ok('download-model'),
        ok('build-image', digests),
        ok('push-to-internal', digests),
        {
          name: 'push-to-quay',
          outcome: 'Failed',
          message:
            'Pod ephemeral local storage usage exceeds the total limit of containers 20Gi. ',
          steps: [
            {
              name: 'push',
              exitCode: 137,
              reason: 'ContainerStatusUnknown',
              message:
                'The container could not be located when the pod was terminated',
            },
          ],
        },
      ],
    },
    pods: () => [
      buildPod(`${RUN}-push-to-quay`, {
        phase: 'Failed',
        reason: 'Evicted',
        message:
          'Pod ephemeral local storage usage exceeds the total limit of containers 20Gi. ',
      }),
    ],
    evidence: [
      {
        source: 'pod',
        task: 'push-to-quay',
        reason: 'Evicted',
        message:
          'Pod ephemeral local storage usage exceeds the total limit of containers 20Gi.',
      },
    ],
    remedies: [/ephemeral-storage/, /TMPDIR/, /`push-to-quay`/],
  },
  {
    title:
      'the node was low on ephemeral storage (TaskRun message only, no pod)',
    code: 'ephemeral-storage-evicted',
    run: {
      condition: failedRun,
      tasks: [
        ok('download-model'),
        ok('build-image', digests),
        {
          name: 'push-to-internal',
          outcome: 'Failed',
          message:
            'The node was low on resource: ephemeral-storage. Threshold quantity: 10187360464, available: 9874104Ki. Container step-push was using 15368532Ki, request is 0, has larger consumption of ephemeral-storage. ',
          steps: [{ name: 'push', exitCode: 137 }],
        },
      ],
    },
    evidence: [{ source: 'condition', task: 'push-to-internal' }],
  },
  {
    title: 'gated model, account without access (GatedRepoError)',
    code: 'hf-auth-failed',
    run: {
      condition: failedRun,
      tasks: [
        {
          name: 'download-model',
          outcome: 'Failed',
          steps: [{ name: 'download', exitCode: 1 }],
        },
      ],
    },
    logs: { [logKey(RUN, 'download-model', 'download')]: log('hf-gated.log') },
    evidence: [
      { source: 'log', task: 'download-model', step: 'download', exitCode: 1 },
    ],
    explains: [
      /gated/,
      /`mistralai\/Mistral-Small-24B-Instruct-2501` \(param `hf-repo`\)/,
      /`hf-token-secret=hf-token`/,
    ],
    remedies: [
      /https:\/\/huggingface\.co\/mistralai\/Mistral-Small-24B-Instruct-2501/,
      /HF_TOKEN/,
    ],
  },
  {
    title: 'invalid token (401 on whoami-v2)',
    code: 'hf-auth-failed',
    run: {
      condition: failedRun,
      tasks: [
        {
          name: 'download-model',
          outcome: 'Failed',
          steps: [{ name: 'login', exitCode: 1 }],
        },
      ],
    },
    logs: {
      [logKey(RUN, 'download-model', 'login')]: log('hf-invalid-token.log'),
    },
    explains: [/missing, revoked or mistyped/],
    remedies: [/^Replace the token/],
  },
  {
    title:
      'misspelled repository (RepositoryNotFoundError, which also says 401)',
    code: 'hf-repo-not-found',
    run: {
      condition: failedRun,
      params: {
        'hf-repo': 'mistralai/Mistral-Small-24B-Instruct-25O1',
        'model-name': 'Mistral-Small-24B-Instruct',
      },
      tasks: [
        {
          name: 'download-model',
          outcome: 'Failed',
          steps: [{ name: 'download', exitCode: 1 }],
        },
      ],
    },
    logs: {
      [logKey(RUN, 'download-model', 'download')]: log('hf-repo-not-found.log'),
    },
    evidence: [
      { source: 'log', task: 'download-model', step: 'download', exitCode: 1 },
    ],
    explains: [
      /`mistralai\/Mistral-Small-24B-Instruct-25O1` \(param `hf-repo`\)/,
      /\(`https:\/\/huggingface\.co\/api\/models\/mistralai\/Mistral-Small-24B-Instruct-25O1\/revision\/main`\)/,
    ],
    remedies: [
      /Correct param `hf-repo` \(now `mistralai\/Mistral-Small-24B-Instruct-25O1`\)/,
    ],
  },
  {
    title: 'TLS interception: self-signed certificate in certificate chain',
    code: 'hf-tls-failed',
    run: {
      condition: failedRun,
      tasks: [
        {
          name: 'download-model',
          outcome: 'Failed',
          steps: [{ name: 'download', exitCode: 1 }],
        },
      ],
    },
    logs: { [logKey(RUN, 'download-model', 'download')]: log('hf-tls.log') },
    evidence: [
      { source: 'log', task: 'download-model', step: 'download', exitCode: 1 },
    ],
    remedies: [/REQUESTS_CA_BUNDLE/, /inject-trusted-cabundle/],
  },
  {
    title: 'huggingface-cli not on PATH (exit 127)',
    code: 'hf-cli-missing',
    run: {
      condition: failedRun,
      tasks: [
        {
          name: 'download-model',
          outcome: 'Failed',
          steps: [{ name: 'download', exitCode: 127 }],
        },
      ],
    },
    logs: {
      [logKey(RUN, 'download-model', 'download')]: log('hf-cli-missing.log'),
    },
    evidence: [
      {
        source: 'log',
        task: 'download-model',
        step: 'download',
        exitCode: 127,
        logLines: [
          '/tekton/scripts/script-0-7x2kq: line 4: huggingface-cli: command not found',
        ],
      },
    ],
    remedies: [/huggingface_hub\[cli\]/, /`hf download/],
  },
  {
    title: 'exit 127 in download-model without logs',
    code: 'hf-cli-missing',
    run: {
      condition: failedRun,
      tasks: [
        {
          name: 'download-model',
          outcome: 'Failed',
          steps: [{ name: 'download', exitCode: 127 }],
        },
      ],
    },
    evidence: [
      {
        source: 'termination',
        task: 'download-model',
        step: 'download',
        exitCode: 127,
      },
    ],
  },
  {
    title: 'build-image step OOMKilled',
    code: 'oom-killed',
    run: {
      condition: failedRun,
      tasks: [
        ok('download-model'),
        {
          name: 'build-image',
          outcome: 'Failed',
          steps: [{ name: 'build', exitCode: 137, reason: 'OOMKilled' }],
        },
      ],
    },
    evidence: [
      {
        source: 'termination',
        task: 'build-image',
        step: 'build',
        exitCode: 137,
        reason: 'OOMKilled',
      },
    ],
    remedies: [/pipelineTaskName: build-image, stepSpecs: \[\{name: build/],
  },
  {
    title:
      'download image cannot be pulled (ImagePullBackOff, TaskRunImagePullFailed)',
    code: 'image-pull-failed',
    run: {
      condition: failedRun,
      tasks: [
        {
          name: 'download-model',
          outcome: 'TaskRunImagePullFailed',
          message:
            'the step "download" in TaskRun "mistral-24b-quantized-wk62d-download-model" failed to pull the image "quay.io/private-ai/hf-downloader:1.4". The pod errored with the message: "Back-off pulling image "quay.io/private-ai/hf-downloader:1.4"."',
          steps: [
            {
              name: 'download',
              waiting: {
                reason: 'ImagePullBackOff',
                message:
                  'Back-off pulling image "quay.io/private-ai/hf-downloader:1.4"',
              },
            },
          ],
        },
      ],
    },
    evidence: [
      {
        source: 'termination',
        task: 'download-model',
        step: 'download',
        reason: 'ImagePullBackOff',
        message:
          'Back-off pulling image "quay.io/private-ai/hf-downloader:1.4"',
      },
    ],
    explains: [/`quay\.io\/private-ai\/hf-downloader:1\.4`/],
    remedies: [/oc secrets link model-pipeline-sa <secret> --for=pull/],
  },
  {
    title: 'step image tag does not exist (ErrImagePull, manifest unknown)',
    code: 'image-pull-failed',
    run: {
      condition: failedRun,
      tasks: [
        ok('download-model'),
        {
          name: 'build-image',
          outcome: 'Failed',
          message: 'build-image failed',
          steps: [
            {
              name: 'build',
              waiting: {
                reason: 'ErrImagePull',
                message:
                  'rpc error: code = Unknown desc = reading manifest 1.37 in quay.io/buildah/stable: manifest unknown',
              },
            },
          ],
        },
      ],
    },
    evidence: [
      {
        source: 'termination',
        task: 'build-image',
        step: 'build',
        reason: 'ErrImagePull',
      },
    ],
  },
  {
    title: 'Quay robot account cannot push',
    code: 'registry-auth-failed',
    run: {
      condition: failedRun,
      tasks: [
        ok('download-model'),
        ok('build-image', digests),
        ok('push-to-internal', digests),
        {
          name: 'push-to-quay',
          outcome: 'Failed',
          steps: [{ name: 'push', exitCode: 1 }],
        },
      ],
    },
    logs: {
      [logKey(RUN, 'push-to-quay', 'push')]: log('push-quay-unauthorized.log'),
    },
    evidence: [
      { source: 'log', task: 'push-to-quay', step: 'push', exitCode: 1 },
    ],
    explains: [
      /registry `quay\.io`/,
      /`quay\.io\/private-ai\/mistral-small-24b-instruct:quantized-w4a16-2501`/,
    ],
    remedies: [/robot account/, /oc secrets link model-pipeline-sa/],
  },
  {
    title: 'internal registry refuses a short push (no token expiry)',
    code: 'registry-auth-failed',
    run: {
      condition: failedRun,
      tasks: [
        ok('download-model'),
        ok('build-image', digests),
        {
          name: 'push-to-internal',
          outcome: 'Failed',
          steps: [{ name: 'push', exitCode: 1 }],
        },
      ],
    },
    logs: {
      [logKey(RUN, 'push-to-internal', 'push')]: log(
        'push-internal-unauthorized.log',
      ),
    },
    remedies: [/system:image-builder -z model-pipeline-sa/],
  },
  {
    title: 'PipelineRun timeout while build-image ran',
    code: 'timeout',
    run: {
      condition: {
        status: 'False',
        reason: 'PipelineRunTimeout',
        message: `PipelineRun "${RUN}" failed to finish within "1h0m0s"`,
      },
      completionTime: '2025-01-30T11:00:00Z',
      tasks: [
        ok('download-model'),
        {
          name: 'build-image',
          outcome: 'TaskRunCancelled',
          steps: [{ name: 'build', exitCode: 1, reason: 'TaskRunCancelled' }],
        },
      ],
    },
    evidence: [
      {
        source: 'condition',
        reason: 'PipelineRunTimeout',
        message: `PipelineRun "${RUN}" failed to finish within "1h0m0s"`,
      },
    ],
    explains: [
      /The run timed out while `build-image` was still running/,
      /timeout is `1h0m0s`/,
      /ran for 60 min/,
    ],
    remedies: [/spec\.timeouts\.pipeline` \(now `1h0m0s`\)/],
  },
  {
    title: 'TaskRun timeout of build-image',
    code: 'timeout',
    run: {
      condition: failedRun,
      tasks: [
        ok('download-model'),
        {
          name: 'build-image',
          outcome: 'TaskRunTimeout',
          steps: [{ name: 'build', exitCode: 1, reason: 'TaskRunTimeout' }],
        },
      ],
    },
    evidence: [
      { source: 'condition', task: 'build-image', reason: 'TaskRunTimeout' },
    ],
    explains: [/Task `build-image` timed out/],
  },
  {
    title: 'cancelled by a user',
    code: 'cancelled',
    run: {
      condition: {
        status: 'False',
        reason: 'Cancelled',
        message: `PipelineRun "${RUN}" was cancelled`,
      },
      specStatus: 'Cancelled',
      tasks: [
        ok('download-model'),
        {
          name: 'build-image',
          outcome: 'TaskRunCancelled',
          steps: [{ name: 'build', exitCode: 1, reason: 'TaskRunCancelled' }],
        },
      ],
    },
    evidence: [
      {
        source: 'condition',
        reason: 'Cancelled',
        message: `PipelineRun "${RUN}" was cancelled`,
      },
      { source: 'condition', message: 'spec.status: Cancelled' },
    ],
    explains: [
      /`spec\.status` was set to `Cancelled`/,
      /user:default\/data-scientist/,
    ],
  },
  {
    title: 'the Pipeline does not exist',
    code: 'pipeline-not-found',
    run: {
      condition: {
        status: 'False',
        reason: 'CouldntGetPipeline',
        message: `Error retrieving pipeline for pipelinerun private-ai/${RUN}: error when listing pipelines for pipelineRun ${RUN}: pipelines.tekton.dev "modelcar-build-deploy-v2" not found`,
      },
      tasks: [],
    },
    evidence: [{ source: 'condition', reason: 'CouldntGetPipeline' }],
    explains: [/Pipeline `modelcar-build-deploy-v2` in namespace `private-ai`/],
    remedies: [/oc apply -n private-ai/],
  },
  {
    title: 'a Task does not exist',
    code: 'task-not-found',
    run: {
      condition: {
        status: 'False',
        reason: 'CouldntGetTask',
        message:
          'Pipeline private-ai/modelcar-build-deploy-v2 can\'t be Run; it contains Tasks that don\'t exist: Couldn\'t retrieve Task "skopeo-push": tasks.tekton.dev "skopeo-push" not found',
      },
      tasks: [],
    },
    evidence: [{ source: 'condition', reason: 'CouldntGetTask' }],
    explains: [/Task `skopeo-push`/],
  },
  {
    title:
      'workspace PVC is being deleted (run still Running, pod unschedulable)',
    code: 'pvc-terminating',
    run: {
      condition: {
        status: 'Unknown',
        reason: 'Running',
        message:
          'Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 5, Skipped: 0',
      },
      tasks: [
        {
          name: 'download-model',
          outcome: 'Pending',
          reason: 'Pending',
          message:
            'pod status "PodScheduled":"False"; message: "0/6 nodes are available: persistentvolumeclaim \\"model-workspace-pvc\\" is being deleted. preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling."',
          steps: [{ name: 'download', waiting: { reason: 'PodInitializing' } }],
        },
      ],
    },
    pods: () => [
      buildPod(`${RUN}-download-model`, {
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message:
              '0/6 nodes are available: persistentvolumeclaim "model-workspace-pvc" is being deleted. preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.',
          },
        ],
      }),
    ],
    evidence: [{ source: 'condition', task: 'download-model' }],
    explains: [/`model-workspace-pvc`/, /kubernetes\.io\/pvc-protection/],
    remedies: [
      /oc describe pvc model-workspace-pvc -n private-ai/,
      /volumeClaimTemplate/,
    ],
  },
  {
    title: 'build fails on a missing source directory (no rule applies)',
    code: 'unknown',
    run: {
      condition: failedRun,
      tasks: [
        ok('download-model'),
        {
          name: 'build-image',
          outcome: 'Failed',
          steps: [{ name: 'build', exitCode: 125 }],
        },
      ],
    },
    logs: { [logKey(RUN, 'build-image', 'build')]: log('build-unknown.log') },
    evidence: [
      {
        source: 'log',
        task: 'build-image',
        step: 'build',
        exitCode: 125,
        logLines: [
          'Error: building at STEP "COPY --chmod=775 models/ /models/": checking on sources under "/workspace/shared": copier: stat: "/models": no such file or directory',
        ],
      },
    ],
    explains: [/step `build` of task `build-image` \(exit code 125\)/],
    remedies: [
      /oc logs -n private-ai mistral-24b-quantized-wk62d-build-image-pod -c step-build/,
    ],
  },
  {
    title:
      'a TLS failure talking to the Model Registry is not a Hugging Face problem',
    code: 'model-registry-unreachable',
    run: {
      pipeline: 'model-evaluation',
      condition: failedRun,
      tasks: [
        ok('run-lm-eval'),
        ok('run-guidellm'),
        {
          name: 'publish-results',
          outcome: 'Failed',
          steps: [{ name: 'publish', exitCode: 1 }],
        },
      ],
    },
    logs: {
      [logKey(RUN, 'publish-results', 'publish')]: log(
        'publish-registry-tls.log',
      ),
    },
    evidence: [
      { source: 'log', task: 'publish-results', step: 'publish', exitCode: 1 },
    ],
  },
];

describe('diagnosePipelineRun, one case per failure', () => {
  it('covers every code of the shared vocabulary but the two registry-backed eval codes', () => {
    const codes = new Set(cases.map(c => c.code));
    expect([...codes].sort()).toEqual(
      [
        'workspace-permission-denied',
        'digest-mismatch',
        'retry-exhausted',
        'parallel-push-race',
        'sa-token-expired',
        'ephemeral-storage-evicted',
        'hf-auth-failed',
        'hf-repo-not-found',
        'hf-tls-failed',
        'hf-cli-missing',
        'oom-killed',
        'image-pull-failed',
        'registry-auth-failed',
        'timeout',
        'cancelled',
        'pipeline-not-found',
        'task-not-found',
        'pvc-terminating',
        'model-registry-unreachable',
        'unknown',
      ].sort(),
    );
  });

  it.each(cases.map(c => [`${c.code}: ${c.title}`, c] as const))(
    '%s',
    (_, testCase) => {
      const built = buildRun({ name: RUN, ...testCase.run });
      const pods = testCase.pods?.(built);
      const diagnosis = diagnosePipelineRun(
        built.pipelineRun,
        built.taskRuns,
        pods,
        {
          logs: testCase.logs,
          cluster: 'demo-cluster',
        },
      ) as Diagnosis;
      expect(diagnosis).toBeDefined();
      expect(diagnosis.code).toBe(testCase.code);
      expect(diagnosis.title.length).toBeGreaterThan(10);
      expect(diagnosis.evidence.length).toBeGreaterThan(0);
      for (const expected of testCase.evidence ?? []) {
        expect(diagnosis.evidence).toContainEqual(
          expect.objectContaining(expected),
        );
      }
      for (const pattern of testCase.explains ?? []) {
        expect(diagnosis.explanation).toMatch(pattern);
      }
      for (const pattern of testCase.remedies ?? []) {
        expect(diagnosis.remediation).toMatch(pattern);
      }
    },
  );
});

describe('diagnosis of healthy and running runs', () => {
  it('gives nothing for a healthy succeeded ModelCar run with one digest', () => {
    const built = buildRun({
      tasks: [
        ok('download-model'),
        ok('build-image', digests),
        ok('push-to-internal', digests),
        ok('push-to-quay', digests),
        ok('register-model'),
      ],
    });
    expect(
      diagnosePipelineRun(built.pipelineRun, built.taskRuns),
    ).toBeUndefined();
  });

  it('gives nothing for a running run, even with scary log lines', () => {
    const built = buildRun({
      condition: { status: 'Unknown', reason: 'Running' },
      tasks: [
        ok('download-model'),
        {
          name: 'build-image',
          outcome: 'Running',
          steps: [{ name: 'build', running: true }],
        },
      ],
    });
    expect(
      diagnosePipelineRun(built.pipelineRun, built.taskRuns, [], {
        logs: {
          [logKey(RUN, 'build-image', 'build')]:
            'retrying after 3 attempts\nPermission denied /workspace/x',
        },
      }),
    ).toBeUndefined();
  });

  it('diagnoses a running run that is already failing (a task failed, finally still running)', () => {
    const built = buildRun({
      condition: { status: 'Unknown', reason: 'Running' },
      tasks: [
        ok('download-model'),
        {
          name: 'build-image',
          outcome: 'Failed',
          steps: [{ name: 'build', exitCode: 137, reason: 'OOMKilled' }],
        },
      ],
    });
    expect(diagnosePipelineRun(built.pipelineRun, built.taskRuns)?.code).toBe(
      'oom-killed',
    );
  });

  it('gives nothing for the succeeded chains and janus runs', () => {
    const v1beta1 = readJsonFixture(
      'tekton/backstage-plugin-mocks/janus-tekton-1-pipelinesData-v1beta1-2023.json',
    ).mockKubernetesPlrResponse;
    const ruby = v1beta1.pipelineruns.find(
      (r: any) => r.metadata.name === 'ruby-ex-git-xf45fo',
    );
    expect(
      diagnosePipelineRun(ruby, v1beta1.taskruns, v1beta1.pods),
    ).toBeUndefined();
    expect(
      diagnosePipelineRun(
        readJsonFixture('tekton/status/chains-pipelinerun1-succeeded.json'),
        [],
      ),
    ).toBeUndefined();
  });
});

describe('diagnosis of the janus failed run', () => {
  it('gives unknown with the raw facts of all three failed tasks, including the CreateContainerConfigError', () => {
    // No code of the vocabulary covers a missing ConfigMap: the facts must say it plainly.
    const v1beta1 = readJsonFixture(
      'tekton/backstage-plugin-mocks/janus-tekton-1-pipelinesData-v1beta1-2023.json',
    ).mockKubernetesPlrResponse;
    const run = v1beta1.pipelineruns.find(
      (r: any) => r.metadata.name === 'pipeline-test-wbvtlk',
    );
    const diagnosis = diagnosePipelineRun(
      run,
      v1beta1.taskruns,
      v1beta1.pods,
    ) as Diagnosis;
    expect(diagnosis.code).toBe('unknown');
    expect(diagnosis.evidence).toEqual([
      expect.objectContaining({
        task: 'buildah',
        step: 'build-and-push',
        exitCode: 125,
        reason: 'Error',
      }),
      {
        source: 'termination',
        task: 'argocd-task-sync-and-wait',
        step: 'login',
        reason: 'CreateContainerConfigError',
        message: 'configmap "argocd-env-configmap" not found',
      },
      expect.objectContaining({
        task: 'git-clone',
        step: 'clone',
        exitCode: 1,
        reason: 'Error',
      }),
    ]);
    expect(diagnosis.explanation).toContain(
      'step `build-and-push` of task `buildah` (exit code 125)',
    );
    expect(diagnosis.remediation).toContain(
      'oc logs -n deb-test pipeline-test-wbvtlk-buildah-pod -c step-build-and-push',
    );
  });
});

describe('extension rules', () => {
  const configMapRule: DiagnosisRule = {
    code: 'missing-configmap',
    title: 'A ConfigMap the task needs is missing',
    explanation: ({ evidence }) => `Missing: ${evidence[0].message}`,
    remediation: 'Create the ConfigMap.',
    match: facts =>
      facts.failedTasks.flatMap(t =>
        t.failedSteps
          .filter(s => s.step.reason === 'CreateContainerConfigError')
          .map(s => ({
            source: 'termination' as const,
            task: t.task.name,
            step: s.step.name,
            message: s.step.message,
          })),
      ),
  };

  it('tries extra rules first', () => {
    const v1beta1 = readJsonFixture(
      'tekton/backstage-plugin-mocks/janus-tekton-1-pipelinesData-v1beta1-2023.json',
    ).mockKubernetesPlrResponse;
    const run = v1beta1.pipelineruns.find(
      (r: any) => r.metadata.name === 'pipeline-test-wbvtlk',
    );
    const diagnosis = diagnosePipelineRun(run, v1beta1.taskruns, [], {
      extraRules: [configMapRule],
    });
    expect(diagnosis).toEqual({
      code: 'missing-configmap',
      title: 'A ConfigMap the task needs is missing',
      explanation: 'Missing: configmap "argocd-env-configmap" not found',
      remediation: 'Create the ConfigMap.',
      evidence: [
        {
          source: 'termination',
          task: 'argocd-task-sync-and-wait',
          step: 'login',
          message: 'configmap "argocd-env-configmap" not found',
        },
      ],
      source: 'built-in',
    });
  });

  it('skips a rule that throws when onRuleError is given, and rethrows otherwise', () => {
    const broken: DiagnosisRule = {
      ...configMapRule,
      code: 'broken',
      match: () => {
        throw new Error('bad rule');
      },
    };
    const built = buildRun({
      condition: failedRun,
      tasks: [
        {
          name: 'build-image',
          outcome: 'Failed',
          steps: [{ name: 'build', exitCode: 137, reason: 'OOMKilled' }],
        },
      ],
    });
    const errors: string[] = [];
    const diagnosis = diagnosePipelineRun(
      built.pipelineRun,
      built.taskRuns,
      [],
      {
        extraRules: [broken],
        onRuleError: (rule, error) =>
          errors.push(`${rule.code}: ${(error as Error).message}`),
      },
    );
    expect(diagnosis?.code).toBe('oom-killed');
    expect(errors).toEqual(['broken: bad rule']);
    expect(() =>
      diagnosePipelineRun(built.pipelineRun, built.taskRuns, [], {
        extraRules: [broken],
      }),
    ).toThrow('bad rule');
  });

  it('diagnoses a summary the backend stored', () => {
    const built = buildRun({
      condition: failedRun,
      tasks: [
        {
          name: 'build-image',
          outcome: 'Failed',
          steps: [{ name: 'build', exitCode: 137, reason: 'OOMKilled' }],
        },
      ],
    });
    const summary = JSON.parse(
      JSON.stringify(
        interpretPipelineRun(built.pipelineRun, built.taskRuns, {
          cluster: 'demo-cluster',
        }),
      ),
    );
    expect(diagnoseSummary(summary)?.code).toBe('oom-killed');
  });
});

describe('huge logs', () => {
  it('diagnoses a run with three 1 MB step logs in bounded time, with bounded evidence', () => {
    const noise = Array.from(
      { length: 20000 },
      (_, i) =>
        `Fetching ${i} files: model-${String(i).padStart(
          5,
          '0',
        )}-of-20000.safetensors 100%|##########| 48.2M/48.2M [00:01<00:00]`,
    ).join('\n');
    expect(noise.length).toBeGreaterThan(1_000_000);
    const built = buildRun({
      condition: failedRun,
      tasks: [
        ok('download-model', { steps: [{ name: 'download' }] }),
        ok('build-image', { ...digests, steps: [{ name: 'build' }] }),
        {
          name: 'push-to-internal',
          outcome: 'Failed',
          steps: [{ name: 'push', exitCode: 1 }],
        },
      ],
    });
    const logs = {
      [logKey(RUN, 'download-model', 'download')]: noise,
      [logKey(RUN, 'build-image', 'build')]: noise,
      [logKey(RUN, 'push-to-internal', 'push')]: `${noise}\n${log(
        'push-permission-denied.log',
      )}`,
    };
    const started = Date.now();
    const diagnosis = diagnosePipelineRun(
      built.pipelineRun,
      built.taskRuns,
      [],
      { logs },
    );
    const elapsed = Date.now() - started;
    expect(diagnosis?.code).toBe('workspace-permission-denied');
    // Evidence stays bounded whatever the log size.
    expect(
      diagnosis?.evidence.every(e => (e.logLines?.length ?? 0) <= 10),
    ).toBe(true);
    expect(elapsed).toBeLessThan(3000);
  });
});
