/*
 * Each built-in cause, worded by several tools and versions: the rule must hold across
 * them, and must not claim lines that look alike but mean something else.
 */
import { diagnosePipelineRun } from './diagnose';
import { defaultDiagnosisRules } from './defaultDiagnosisRules';
import {
  buildPod,
  buildRun,
  EVALUATION_TASKS,
  logKey,
  MODELCAR_TASKS,
  TaskSpec,
} from './__fixtures__/modelCarRun';

const RUN = 'granite-8b-fp16-x7k2p';
const failedRun = {
  status: 'False' as const,
  reason: 'Failed',
  message: 'Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 1',
};

/** A run whose `task` fails in step `step` with `log`; the tasks before it succeeded. */
function failing(task: string, log: string, step = 'main') {
  const evaluation = EVALUATION_TASKS.includes(task);
  const order = evaluation ? EVALUATION_TASKS : MODELCAR_TASKS;
  const tasks: TaskSpec[] = order
    .slice(0, order.indexOf(task))
    .map(name => ({ name, outcome: 'Succeeded', steps: [{ name: 'main' }] }));
  tasks.push({
    name: task,
    outcome: 'Failed',
    steps: [{ name: step, exitCode: 1 }],
  });
  const built = buildRun({
    name: RUN,
    pipeline: evaluation ? 'model-evaluation' : 'modelcar-build-deploy-v2',
    condition: failedRun,
    tasks,
  });
  return diagnosePipelineRun(built.pipelineRun, built.taskRuns, [], {
    logs: { [logKey(RUN, task, step)]: log },
  });
}

const wordings: Array<[string, string, string, string]> = [
  // [expected code, task, tool/version, log]
  [
    'hf-auth-failed',
    'download-model',
    'huggingface_hub 0.2x',
    'huggingface_hub.errors.GatedRepoError: 403 Client Error. (Request ID: Root=1-6790)\nCannot access gated repo for url https://huggingface.co/meta-llama/Llama-3.1-8B/resolve/main/config.json.\nAccess to model meta-llama/Llama-3.1-8B is restricted and you are not in the authorized list. Visit https://huggingface.co/meta-llama/Llama-3.1-8B to ask for access.',
  ],
  [
    'hf-auth-failed',
    'download-model',
    'hf 1.x CLI',
    'Error: Access to model mistralai/Mistral-Small-24B-Instruct-2501 requires approval. Your request to access this repo is awaiting a review from the repo authors.',
  ],
  [
    'hf-auth-failed',
    'download-model',
    'transformers',
    'OSError: You are trying to access a gated repo.\nMake sure to have access to it at https://huggingface.co/google/gemma-2-9b-it.\n401 Client Error. (Request ID: Root=1-66)',
  ],
  [
    'hf-auth-failed',
    'download-model',
    'fine-grained token',
    'huggingface_hub.errors.HfHubHTTPError: 403 Forbidden: Please enable access to public gated repositories in your fine-grained token settings to view this repository.\nCannot access content at: https://huggingface.co/api/models/meta-llama/Llama-3.2-1B/revision/main.',
  ],
  [
    'hf-rate-limited',
    'download-model',
    'huggingface_hub 0.2x (requests)',
    'requests.exceptions.HTTPError: 429 Client Error: Too Many Requests for url: https://huggingface.co/api/models/ibm-granite/granite-3.1-8b-instruct/revision/main',
  ],
  [
    'hf-rate-limited',
    'download-model',
    'huggingface_hub 1.x (httpx)',
    "huggingface_hub.errors.HfHubHTTPError: Client error '429 Too Many Requests' for url 'https://huggingface.co/api/models/Qwen/Qwen2.5-7B-Instruct/tree/main?recursive=True'\nWe had to rate limit you. If you have a token, use it; otherwise log in.",
  ],
  [
    'hf-rate-limited',
    'download-model',
    'hf_transfer',
    'Fetching 14 files:  21%|██▏       | 3/14\nException: Error while downloading: HTTP status client error (429 Too Many Requests) for url (https://cdn-lfs-us-1.hf.co/repos/aa/bb/model-00002-of-00004.safetensors)',
  ],
  [
    'disk-full',
    'download-model',
    'Python',
    "OSError: [Errno 28] No space left on device: '/workspace/shared/models/granite/model-00003-of-00004.safetensors'",
  ],
  [
    'disk-full',
    'download-model',
    'hf_transfer (Rust)',
    'Exception: Error while downloading: No space left on device (os error 28)',
  ],
  [
    'disk-full',
    'build-image',
    'buildah',
    'Error: committing container for step {Env:[PATH=/usr/local/bin] Command:copy}: copying layers and metadata: writing blob: storing blob to file "/var/tmp/buildah1234/layer": write /var/tmp/buildah1234/layer: no space left on device',
  ],
  [
    'disk-full',
    'build-image',
    'df 100% + tar',
    'Filesystem      Size  Used Avail Use% Mounted on\n/dev/rbd2        50G   50G     0 100% /workspace/shared\ntar: oci/image.tar: Wrote only 4096 of 10240 bytes\ntar: Error is not recoverable: exiting now',
  ],
  [
    'disk-full',
    'download-model',
    'node ENOSPC',
    'Error: ENOSPC: no space left on device, write\n    at Object.writeSync (node:fs:927:3)',
  ],
  [
    'registry-version-exists',
    'register-model',
    'model-registry REST 409',
    'POST https://model-registry-rest.rhoai-model-registries.svc:8443/api/model_registry/v1alpha3/model_versions -> 409 Conflict\n{"code":"409","message":"model version with name quantized-w4a16-2501 already exists"}',
  ],
  [
    'registry-version-exists',
    'register-model',
    'MLMD gRPC',
    'model_registry.exceptions.StoreError: ALREADY_EXISTS: Given node already exists: type_id: 21 name: "3:quantized-w4a16-2501"',
  ],
  [
    'registry-version-exists',
    'register-model',
    'MySQL behind the registry',
    "ERROR registering ModelVersion: rpc error: code = AlreadyExists desc = Error 1062 (23000): Duplicate entry '21-3:quantized-w4a16-2501' for key 'type_id'",
  ],
  [
    'registry-version-exists',
    'register-model',
    'model-registry Python client (openapi-generator)',
    'mr_openapi.exceptions.ApiException: (409)\nReason: Conflict\nHTTP response body: {"code":"409","message":"duplicated name for model version"}',
  ],
  [
    'registry-version-exists',
    'register-model',
    'PostgreSQL behind the registry',
    'register_model failed: pq: duplicate key value violates unique constraint "uniquecontextname" (model registry)',
  ],
  [
    'model-registry-unreachable',
    'register-model',
    'Python requests',
    "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='model-registry-rest.rhoai-model-registries.svc', port=8443): Max retries exceeded with url: /api/model_registry/v1alpha3/registered_models (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection: [Errno 111] Connection refused'))",
  ],
  [
    'model-registry-unreachable',
    'register-model',
    'aiohttp (model-registry client)',
    "aiohttp.client_exceptions.ClientConnectorError: Cannot connect to host model-registry-service.rhoai-model-registries.svc:8080 ssl:default [Connect call failed ('172.30.14.2', 8080)]",
  ],
  [
    'model-registry-unreachable',
    'register-model',
    'curl TLS',
    'curl: (60) SSL certificate problem: self-signed certificate in certificate chain\nMore details here: https://curl.se/docs/sslcerts.html\n(registering version with the model registry)',
  ],
  [
    'model-registry-unreachable',
    'publish-results',
    'Go client x509',
    'Error: Post "https://modelregistry.apps.ocp.example.com/api/model_registry/v1alpha3/model_versions": tls: failed to verify certificate: x509: certificate signed by unknown authority',
  ],
  [
    'model-registry-unreachable',
    'register-model',
    'DNS',
    "requests.exceptions.ConnectionError: HTTPConnectionPool(host='model-registry', port=8080): Max retries exceeded with url: /api/model_registry/v1alpha3/registered_models (Caused by NameResolutionError(\"<urllib3.connection.HTTPConnection>: Failed to resolve 'model-registry' ([Errno -2] Name or service not known)\"))",
  ],
  [
    'image-registry-unreachable',
    'push-to-quay',
    'skopeo DNS',
    'time="2025-01-30T10:31:02Z" level=fatal msg="trying to reuse blob sha256:aa at destination: pinging container registry quay.example.com: Get \\"https://quay.example.com/v2/\\": dial tcp: lookup quay.example.com on 172.30.0.10:53: no such host"',
  ],
  [
    'image-registry-unreachable',
    'push-to-quay',
    'oras TLS',
    'Error: failed to do request: Head "https://registry.internal.example/v2/models/granite/manifests/fp16": tls: failed to verify certificate: x509: certificate signed by unknown authority',
  ],
  [
    'image-registry-unreachable',
    'push-to-internal',
    'podman refused',
    'Error: trying to reuse blob sha256:bb at destination: pinging container registry image-registry.openshift-image-registry.svc:5000: Get "https://image-registry.openshift-image-registry.svc:5000/v2/": dial tcp 172.30.55.1:5000: connect: connection refused',
  ],
  [
    'inference-endpoint-unavailable',
    'run-lm-eval',
    'lm-eval local-completions',
    'Waiting for http://granite-8b-predictor.private-ai.svc:8080/v1/models ...\nattempt 30/30: HTTP 503 Service Unavailable\ngiving up after 30 attempts\nRuntimeError: model endpoint not ready',
  ],
  [
    'inference-endpoint-unavailable',
    'run-guidellm',
    'guidellm httpx',
    'httpx.ConnectError: [Errno 111] Connection refused\nguidellm: could not reach target http://granite-8b-predictor:8080/v1/chat/completions',
  ],
  [
    'inference-endpoint-unavailable',
    'run-lm-eval',
    'openai client',
    "openai.InternalServerError: Error code: 503 - {'error': 'no healthy upstream'}",
  ],
  [
    'incomplete-download',
    'download-model',
    'requests IncompleteRead',
    "requests.exceptions.ChunkedEncodingError: ('Connection broken: IncompleteRead(1048576 bytes read, 3145728 more expected)', IncompleteRead(1048576 bytes read, 3145728 more expected))",
  ],
  [
    'incomplete-download',
    'download-model',
    'huggingface_hub consistency check',
    'OSError: Consistency check failed: file should be of size 4983446416 but has size 2147483648 (model-00001-of-00004.safetensors).\nWe are sorry for the inconvenience. Please retry with `force_download=True`.',
  ],
  [
    'incomplete-download',
    'download-model',
    'curl',
    'curl: (18) transfer closed with 734003200 bytes remaining to read',
  ],
  [
    'retry-exhausted',
    'push-to-quay',
    'archive wait loop',
    'waiting for /workspace/shared/oci/image.tar (attempt 29/30)\nwaiting for /workspace/shared/oci/image.tar (attempt 30/30)\nERROR: archive not found after 30 attempts, giving up',
  ],
  [
    'retry-exhausted',
    'push-to-internal',
    'ls wait loop',
    "ls: cannot access '/workspace/source/oci/image.tar': No such file or directory\nretry 30: file still missing\ngave up waiting for the archive",
  ],
  [
    'retry-exhausted',
    'push-to-quay',
    'test -f loop',
    'until [ -f "$ARCHIVE" ]; do sleep 2; done\nmax retries reached waiting for file oci/image.tar',
  ],
];

describe('built-in rules across wordings', () => {
  it.each(wordings)('%s from %s (%s)', (code, task, _tool, log) => {
    const diagnosis = failing(task, log);
    expect(diagnosis?.code).toBe(code);
    expect(diagnosis?.source).toBe('built-in');
    expect(diagnosis?.evidence.some(e => e.task === task)).toBe(true);
  });

  it('has at least three wordings for each cause it tests', () => {
    const counts = new Map<string, number>();
    for (const [code] of wordings)
      counts.set(code, (counts.get(code) ?? 0) + 1);
    for (const [code, count] of counts) {
      expect([code, count >= 3]).toEqual([code, true]);
    }
  });

  it('does not read a wait on an inference endpoint as the archive race', () => {
    const diagnosis = failing(
      'push-to-quay',
      'waiting for https://granite-8b-predictor/v1/models (HTTP 503)\nattempt 30/30 failed: 503 Service Unavailable\ngiving up after 30 attempts',
    );
    expect(diagnosis?.code).not.toBe('retry-exhausted');
  });

  it('does not read "blob already exists" of a push as a duplicate version', () => {
    const diagnosis = failing(
      'register-model',
      "Copying blob sha256:4f0c skipped: already exists\nTraceback (most recent call last):\nKeyError: 'model_version_id' (model registry response)",
    );
    expect(diagnosis?.code).toBe('unknown');
  });
});

describe('near misses', () => {
  it('does not blame a download that was reset and retried when Hugging Face then refused the token', () => {
    const diagnosis = failing(
      'download-model',
      "'(ProtocolError('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer')), '(Request ID: 9f1)')' thrown while requesting HEAD https://huggingface.co/google/gemma-2-9b-it/resolve/main/config.json\nRetrying in 1s [Retry 1/5].\nhuggingface_hub.errors.GatedRepoError: 401 Client Error.\nCannot access gated repo for url https://huggingface.co/google/gemma-2-9b-it/resolve/main/config.json.",
    );
    expect(diagnosis?.code).toBe('hf-auth-failed');
  });

  it('does not read a proxy refusing the tunnel (403) as Hugging Face refusing the token', () => {
    const diagnosis = failing(
      'download-model',
      "requests.exceptions.ProxyError: HTTPSConnectionPool(host='huggingface.co', port=443): Max retries exceeded with url: /api/models/x (Caused by ProxyError('Unable to connect to proxy', OSError('Tunnel connection failed: 403 Forbidden')))",
    );
    expect(diagnosis?.code).not.toBe('hf-auth-failed');
  });
});

describe('causes in an earlier task', () => {
  it.each([
    [
      'IncompleteRead piped through tee',
      "requests.exceptions.ChunkedEncodingError: ('Connection broken: IncompleteRead(0 bytes read, 512 more expected)', IncompleteRead(0 bytes read))",
      "FileNotFoundError: [Errno 2] No such file or directory: '/workspace/shared/models/granite/model-00004-of-00004.safetensors'",
    ],
    [
      'connection reset, truncated safetensors',
      'urllib3.exceptions.ProtocolError: ("Connection broken: ConnectionResetError(104, \'Connection reset by peer\')", ConnectionResetError(104))',
      'safetensors_rust.SafetensorError: Error while deserializing header: MetadataIncompleteBuffer',
    ],
    [
      'aiohttp payload, tar EOF',
      "aiohttp.client_exceptions.ClientPayloadError: Response payload is not completed: <ContentLengthError: 400, message='Not enough data for satisfy content length header.'>",
      'tar: Unexpected EOF in archive\ntar: Error is not recoverable: exiting now',
    ],
  ])(
    '%s: blames the download task, not the build',
    (_, downloadLog, buildLog) => {
      const built = buildRun({
        name: RUN,
        condition: failedRun,
        tasks: [
          {
            name: 'download-model',
            outcome: 'Succeeded',
            steps: [{ name: 'download' }],
          },
          {
            name: 'build-image',
            outcome: 'Failed',
            steps: [{ name: 'build', exitCode: 1 }],
          },
        ],
      });
      const diagnosis = diagnosePipelineRun(
        built.pipelineRun,
        built.taskRuns,
        [],
        {
          logs: {
            [logKey(
              RUN,
              'download-model',
              'download',
            )]: `Fetching 4 files\n${downloadLog}\n100%|██████████| 4/4 [02:11<00:00]`,
            [logKey(RUN, 'build-image', 'build')]: buildLog,
          },
        },
      );
      expect(diagnosis?.code).toBe('incomplete-download');
      expect(diagnosis?.evidence[0]).toMatchObject({
        task: 'download-model',
        source: 'log',
      });
      expect(diagnosis?.explanation).toMatch(
        /`build-image` started on incomplete files/,
      );
    },
  );
});

describe('pods that never ran a step', () => {
  const timedOutPending = (extra: { message?: string; reason?: string } = {}) =>
    buildRun({
      name: RUN,
      condition: {
        status: 'False',
        reason: 'Failed',
        message: 'Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 3',
      },
      tasks: [
        {
          name: 'download-model',
          outcome: 'Succeeded',
          steps: [{ name: 'main' }],
        },
        {
          name: 'build-image',
          outcome: extra.reason ? 'Failed' : 'TaskRunTimeout',
          reason: extra.reason,
          message: extra.message,
          steps: [
            {
              name: 'build',
              exitCode: 1,
              reason: 'TaskRunTimeout',
              startedAt: '2025-01-30T10:10:00Z',
            },
          ],
        },
      ],
    });

  function withoutStart(built: ReturnType<typeof buildRun>) {
    const step = built.taskRuns[1].status.steps[0];
    delete step.terminated.startedAt;
    return built;
  }

  const event = (reason: string, message: string) => ({
    apiVersion: 'v1',
    kind: 'Event',
    type: 'Warning',
    reason,
    message,
    involvedObject: {
      kind: 'Pod',
      name: `${RUN}-build-image-pod`,
      namespace: 'private-ai',
    },
    lastTimestamp: '2025-01-30T10:15:00Z',
    count: 12,
  });

  it.each([
    [
      'pod-unschedulable',
      event(
        'FailedScheduling',
        "0/6 nodes are available: 2 Insufficient nvidia.com/gpu, 3 node(s) had untolerated taint {node-role.kubernetes.io/master: }, 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.",
      ),
    ],
    [
      'pod-unschedulable',
      event(
        'FailedScheduling',
        '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
      ),
    ],
    [
      'pod-unschedulable',
      {
        ...event(
          'FailedScheduling',
          '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
        ),
        lastTimestamp: undefined,
        eventTime: '2025-01-30T10:15:00.000000Z',
      },
    ],
    [
      'volume-mount-failed',
      {
        ...event(
          'FailedAttachVolume',
          'Multi-Attach error for volume "pvc-5b1d" Volume is already used by pod(s) mistral-24b-quantized-wk62d-download-model-pod',
        ),
      },
    ],
    [
      'volume-mount-failed',
      event(
        'FailedMount',
        'Unable to attach or mount volumes: unmounted volumes=[ws-shared], unattached volumes=[ws-shared kube-api-access]: timed out waiting for the condition',
      ),
    ],
    [
      'volume-mount-failed',
      event(
        'FailedMount',
        'MountVolume.SetUp failed for volume "hf-token" : secret "hf-token" not found',
      ),
    ],
    [
      'image-pull-failed',
      event(
        'Failed',
        'Failed to pull image "quay.io/private-ai/modelcar-tools:v9": reading manifest v9 in quay.io/private-ai/modelcar-tools: manifest unknown',
      ),
    ],
    [
      'image-pull-failed',
      event(
        'BackOff',
        'Back-off pulling image "registry.redhat.io/rhel9/skopeo:latest"',
      ),
    ],
  ])('%s from the %s event keeps a timeout from being blamed', (code, raw) => {
    const built = withoutStart(timedOutPending());
    const diagnosis = diagnosePipelineRun(
      built.pipelineRun,
      built.taskRuns,
      [],
      {
        events: [raw],
      },
    );
    expect(diagnosis?.code).toBe(code);
    expect(diagnosis?.evidence[0]).toMatchObject({
      source: 'event',
      task: 'build-image',
    });
  });

  it('reads the pod condition PodScheduled=False Unschedulable', () => {
    const built = withoutStart(timedOutPending());
    const pod = buildPod(`${RUN}-build-image`, {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: '0/6 nodes are available: 6 Insufficient nvidia.com/gpu.',
        },
      ],
    });
    const diagnosis = diagnosePipelineRun(built.pipelineRun, built.taskRuns, [
      pod,
    ]);
    expect(diagnosis?.code).toBe('pod-unschedulable');
    expect(diagnosis?.explanation).toMatch(/nvidia\.com\/gpu/);
  });

  it.each([
    [
      'SCC runAsUser',
      'PodAdmissionFailed',
      'failed to create task run pod "granite-build-image": pods "granite-build-image-pod" is forbidden: unable to validate against any security context constraint: [provider "anyuid": Forbidden: not usable by user or serviceaccount, spec.containers[0].securityContext.runAsUser: Invalid value: 1001: must be in the ranges: [1000970000, 1000979999]]. Maybe missing or invalid Task private-ai/build-image',
    ],
    [
      'SCC fsGroup',
      'PodAdmissionFailed',
      'pods "x-pod" is forbidden: unable to validate against any security context constraint: [fsGroup: Invalid value: []int64{1001}: 1001 is not an allowed group]',
    ],
    [
      'pod security',
      'PodCreationFailed',
      'pods "x-pod" is forbidden: violates PodSecurity "restricted:latest": runAsNonRoot != true (pod or container "step-build" must set securityContext.runAsNonRoot=true)',
    ],
  ])('pod-admission-failed: %s', (_, reason, message) => {
    const built = timedOutPending({ reason, message });
    built.taskRuns[1].status.steps = [];
    const diagnosis = diagnosePipelineRun(
      built.pipelineRun,
      built.taskRuns,
      [],
    );
    expect(diagnosis?.code).toBe('pod-admission-failed');
  });

  it.each([
    [
      'ExceededResourceQuota',
      'TaskRun Pod exceeded available resources: pods "x-pod" is forbidden: exceeded quota: compute-resources, requested: limits.memory=32Gi, used: limits.memory=40Gi, limited: limits.memory=64Gi',
    ],
    [
      'Failed',
      'failed to create task run pod "x": pods "x-pod" is forbidden: exceeded quota: gpu-quota, requested: requests.nvidia.com/gpu=1, used: requests.nvidia.com/gpu=2, limited: requests.nvidia.com/gpu=2',
    ],
    [
      'Failed',
      'pods "x-pod" is forbidden: maximum memory usage per Container is 16Gi, but limit is 32Gi',
    ],
  ])('resource-quota-exceeded: %s', (reason, message) => {
    const built = timedOutPending({ reason, message });
    built.taskRuns[1].status.steps = [];
    const diagnosis = diagnosePipelineRun(
      built.pipelineRun,
      built.taskRuns,
      [],
    );
    expect(diagnosis?.code).toBe('resource-quota-exceeded');
  });

  it('says a task that timed out without a step starting never ran, and not to raise the timeout', () => {
    const built = withoutStart(timedOutPending());
    const diagnosis = diagnosePipelineRun(
      built.pipelineRun,
      built.taskRuns,
      [],
    );
    expect(diagnosis?.code).toBe('timeout');
    expect(diagnosis?.explanation).toMatch(/`build-image` never ran/);
    expect(diagnosis?.remediation).not.toMatch(/Raise/);
  });

  it('says a task that timed out after its steps started ran too long', () => {
    const built = timedOutPending();
    const diagnosis = diagnosePipelineRun(
      built.pipelineRun,
      built.taskRuns,
      [],
    );
    expect(diagnosis?.code).toBe('timeout');
    expect(diagnosis?.explanation).toMatch(
      /timed out after its steps had started/,
    );
    expect(diagnosis?.remediation).toMatch(/Raise/);
  });
});

describe('evictions', () => {
  it.each([
    [
      'pod status',
      {
        podStatus: {
          phase: 'Failed',
          reason: 'Evicted',
          message:
            'The node was low on resource: memory. Threshold quantity: 100Mi, available: 64Mi. Container step-build was using 30Gi, request is 8Gi, has larger consumption of memory.',
        },
      },
    ],
    [
      'event',
      { event: 'Pod was evicted: The node was low on resource: memory.' },
    ],
    [
      'event of a node under disk pressure',
      { event: 'The node had condition: [DiskPressure].' },
    ],
  ])(
    'pod-evicted from the %s',
    (_, how: { podStatus?: Record<string, unknown>; event?: string }) => {
      const built = buildRun({
        name: RUN,
        condition: failedRun,
        tasks: [
          {
            name: 'download-model',
            outcome: 'Succeeded',
            steps: [{ name: 'main' }],
          },
          {
            name: 'build-image',
            outcome: 'Failed',
            message: 'The node was low on resource: memory.',
            steps: [{ name: 'build', exitCode: 137, reason: 'Error' }],
          },
        ],
      });
      const pods = how.podStatus
        ? [buildPod(`${RUN}-build-image`, how.podStatus)]
        : [];
      const events = how.event
        ? [
            {
              type: 'Warning',
              reason: 'Evicted',
              message: how.event,
              involvedObject: { kind: 'Pod', name: `${RUN}-build-image-pod` },
            },
          ]
        : [];
      const diagnosis = diagnosePipelineRun(
        built.pipelineRun,
        built.taskRuns,
        pods,
        { events },
      );
      expect(diagnosis?.code).toBe('pod-evicted');
    },
  );
});

describe('precedence of a PipelineRun timeout', () => {
  it.each([
    [
      'PipelineRunTimeout reason',
      {
        status: 'False' as const,
        reason: 'PipelineRunTimeout',
        message:
          'PipelineRun "granite-8b-fp16-x7k2p" failed to finish within "1h0m0s"',
      },
    ],
    [
      'spec.timeouts.pipeline reached, run reason CouldntGetTask',
      {
        status: 'False' as const,
        reason: 'CouldntGetTask',
        message:
          "Pipeline private-ai/modelcar-build-deploy-v2 can't be Run; it contains Tasks that don't exist: Couldn't retrieve Task \"cleanup-workspace\": resolution took longer than global timeout of 1m0s",
      },
    ],
  ])('beats a finally task that got CouldntGetTask (%s)', (_, condition) => {
    const built = buildRun({
      name: RUN,
      condition,
      completionTime: '2025-01-30T11:00:30Z',
      tasks: [
        {
          name: 'download-model',
          outcome: 'Succeeded',
          steps: [{ name: 'main' }],
        },
        {
          name: 'build-image',
          outcome: 'TaskRunCancelled',
          steps: [{ name: 'build', running: true }],
        },
      ],
    });
    const diagnosis = diagnosePipelineRun(
      built.pipelineRun,
      built.taskRuns,
      [],
    );
    expect(diagnosis?.code).toBe('timeout');
  });
});

describe('the built-in rules', () => {
  it('are each tested on wordings here or in diagnose.test.ts', () => {
    const here = new Set([
      ...wordings.map(w => w[0]),
      'pod-unschedulable',
      'volume-mount-failed',
      'pod-admission-failed',
      'resource-quota-exceeded',
      'timeout',
      'incomplete-download',
      'pod-evicted',
    ]);
    const inDiagnoseTest = [
      'cancelled',
      'pipeline-not-found',
      'task-not-found',
      'pvc-terminating',
      'image-pull-failed',
      'ephemeral-storage-evicted',
      'oom-killed',
      'sa-token-expired',
      'workspace-permission-denied',
      'hf-tls-failed',
      'hf-repo-not-found',
      'hf-cli-missing',
      'registry-auth-failed',
      'parallel-push-race',
      'digest-mismatch',
    ];
    for (const rule of defaultDiagnosisRules) {
      expect([
        rule.code,
        here.has(rule.code) || inDiagnoseTest.includes(rule.code),
      ]).toEqual([rule.code, true]);
    }
  });
});
