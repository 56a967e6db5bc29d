import { KubeObject } from '../kubernetes/types';
import { hashSuffixOf, isoTime, suffixOf, uidOf } from './ids';
import {
  addRegistryInferenceService,
  ScenarioRegistry,
  ScenarioVersion,
} from './registryData';
import { BuiltLog } from './tekton/buildPipelineRun';
import { DAY, HOUR, MINUTE } from './timeline';

/**
 * KServe serving of the demo scenario: vLLM InferenceServices (RawDeployment) in
 * `private-ai`, labelled with their Model Registry ids and their entity name, with the
 * Deployment, ReplicaSet, pod, Service and logs the Kubernetes plugin shows. One of them
 * fails to load its model.
 */

const NS = 'private-ai';
const VLLM_IMAGE =
  'quay.io/modh/vllm@sha256:3f4f3f5a1e2f6b4c7d8e9fa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0';
const APPS_DOMAIN = 'apps.demo-cluster.example.com';

/** Serving objects, logs, and the servers' facts for tests. @public */
export interface ServingScenario {
  objects: KubeObject[];
  logs: BuiltLog[];
  servers: Array<{
    name: string;
    ready: boolean;
    registryId: string;
    version: ScenarioVersion;
  }>;
}

interface ServerInput {
  name: string;
  displayName: string;
  version: ScenarioVersion;
  createdMs: number;
  maxModelLen: number;
  failure?: string;
}

function condition(
  type: string,
  status: string,
  at: string,
  reason?: string,
  message?: string,
) {
  return {
    lastTransitionTime: at,
    status,
    type,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

function vllmLog(input: ServerInput, startedMs: number): string {
  const t = (s: number) => {
    const d = new Date(startedMs + s * 1000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(
      d.getUTCHours(),
    )}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  };
  const lines = [
    `INFO ${t(0)} api_server.py:712] vLLM API server version 0.6.6.post1`,
    `INFO ${t(
      0,
    )} api_server.py:713] args: Namespace(host=None, port=8080, model='/mnt/models', served_model_name=['${
      input.name
    }'], max_model_len=${
      input.maxModelLen
    }, gpu_memory_utilization=0.9, tensor_parallel_size=1)`,
    `INFO ${t(
      6,
    )} config.py:510] This model supports multiple tasks: {'generate', 'embed'}. Defaulting to 'generate'.`,
    `INFO ${t(41)} model_runner.py:1099] Loading model weights took ${(
      12 +
      (input.name.length % 5) +
      0.4612
    ).toFixed(4)} GB`,
    `INFO ${t(47)} worker.py:241] Memory profiling takes 4.12 seconds`,
  ];
  if (input.failure) {
    return [
      ...lines,
      `ERROR ${t(48)} engine.py:366] ${input.failure}`,
      'Traceback (most recent call last):',
      '  File "/opt/vllm/lib64/python3.11/site-packages/vllm/engine/multiprocessing/engine.py", line 357, in run_mp_engine',
      '    engine = MQLLMEngine.from_engine_args(engine_args=engine_args,',
      '  File "/opt/vllm/lib64/python3.11/site-packages/vllm/worker/worker.py", line 572, in raise_if_cache_size_invalid',
      '    raise ValueError(',
      `ValueError: ${input.failure}`,
      '',
    ].join('\n');
  }
  return [
    ...lines,
    `INFO ${t(49)} gpu_executor.py:76] # GPU blocks: 4862, # CPU blocks: 1638`,
    `INFO ${t(58)} launcher.py:19] Available routes are:`,
    `INFO ${t(58)} launcher.py:27] Route: /v1/chat/completions, Methods: POST`,
    `INFO ${t(58)} launcher.py:27] Route: /v1/completions, Methods: POST`,
    'INFO:     Started server process [1]',
    'INFO:     Waiting for application startup.',
    'INFO:     Application startup complete.',
    'INFO:     Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)',
    'INFO:     10.128.2.17:48832 - "GET /health HTTP/1.1" 200 OK',
    '',
  ].join('\n');
}

/** What every object of one model server is made from. */
interface ServerFacts {
  input: ServerInput;
  name: string;
  version: ScenarioVersion;
  /** False for the server that fails to load its model. */
  ready: boolean;
  created: string;
  readyAt: string;
  failureTime: string;
  /** Labels of the InferenceService: Model Registry ids and the entity name. */
  labels: Record<string, string>;
  url: string;
  internalUrl: string;
  isvcUid: string;
  deploymentUid: string;
  rsUid: string;
  /** The ReplicaSet's pod-template hash. */
  hash: string;
  podName: string;
  /** Labels KServe puts on the predictor's Deployment, ReplicaSet, pod and Service. */
  appLabels: Record<string, string>;
}

function serverFacts(input: ServerInput, registryId: string): ServerFacts {
  const { name, version } = input;
  const hash = hashSuffixOf(`${name}/rs`);
  return {
    input,
    name,
    version,
    ready: !input.failure,
    created: isoTime(input.createdMs),
    readyAt: isoTime(input.createdMs + 4 * MINUTE),
    failureTime: isoTime(input.createdMs + 3 * MINUTE),
    labels: {
      'backstage.io/kubernetes-id': name,
      'modelregistry.opendatahub.io/registered-model-id':
        version.registeredModelId,
      'modelregistry.opendatahub.io/model-version-id': version.version.id,
      'modelregistry.opendatahub.io/inference-service-id': registryId,
      'modelregistry.opendatahub.io/name': 'modelregistry-public',
      'opendatahub.io/dashboard': 'true',
    },
    url: `https://${name}-${NS}.${APPS_DOMAIN}`,
    internalUrl: `http://${name}-predictor.${NS}.svc.cluster.local:8080`,
    isvcUid: uidOf(`${NS}/isvc/${name}`),
    deploymentUid: uidOf(`${NS}/deploy/${name}`),
    rsUid: uidOf(`${NS}/rs/${name}`),
    hash,
    podName: `${name}-predictor-${hash}-${suffixOf(`${name}/pod`)}`,
    appLabels: {
      app: `isvc.${name}-predictor`,
      component: 'predictor',
      'serving.kserve.io/inferenceservice': name,
      'backstage.io/kubernetes-id': name,
    },
  };
}

/** The InferenceService: Ready, or PredictorReady False with the load failure in `modelStatus`. */
function inferenceService(facts: ServerFacts): KubeObject {
  const {
    input,
    name,
    version,
    ready,
    created,
    readyAt,
    failureTime,
    labels,
    url,
    internalUrl,
    isvcUid,
  } = facts;
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: {
      name,
      namespace: NS,
      uid: isvcUid,
      creationTimestamp: created,
      generation: 1,
      finalizers: ['inferenceservice.finalizers'],
      labels,
      annotations: {
        'openshift.io/display-name': input.displayName,
        'serving.kserve.io/deploymentMode': 'RawDeployment',
        'security.opendatahub.io/enable-auth': 'true',
      },
    },
    spec: {
      predictor: {
        minReplicas: 1,
        maxReplicas: 1,
        model: {
          modelFormat: { name: 'vLLM' },
          runtime: 'vllm-cuda-runtime',
          name: '',
          storageUri: version.uri,
          args: [`--max-model-len=${input.maxModelLen}`],
          resources: {
            limits: { cpu: '8', memory: '32Gi', 'nvidia.com/gpu': '1' },
            requests: { cpu: '4', memory: '24Gi', 'nvidia.com/gpu': '1' },
          },
        },
        tolerations: [
          { effect: 'NoSchedule', key: 'nvidia.com/gpu', operator: 'Exists' },
        ],
      },
    },
    status: {
      address: { url: internalUrl },
      components: { predictor: { url: internalUrl } },
      conditions: ready
        ? [
            condition('IngressReady', 'True', readyAt),
            condition('PredictorReady', 'True', readyAt),
            condition('Ready', 'True', readyAt),
          ]
        : [
            condition('IngressReady', 'True', readyAt),
            condition(
              'PredictorReady',
              'False',
              failureTime,
              'ModelLoadFailed',
              `Container kserve-container exited with code 1: ValueError: ${input.failure}`,
            ),
            condition(
              'Ready',
              'False',
              failureTime,
              'ModelLoadFailed',
              `Container kserve-container exited with code 1: ValueError: ${input.failure}`,
            ),
          ],
      modelStatus: ready
        ? {
            copies: { failedCopies: 0, totalCopies: 1 },
            states: { activeModelState: 'Loaded', targetModelState: 'Loaded' },
            transitionStatus: 'UpToDate',
          }
        : {
            copies: { failedCopies: 1, totalCopies: 1 },
            states: {
              activeModelState: 'FailedToLoad',
              targetModelState: 'FailedToLoad',
            },
            transitionStatus: 'BlockedByFailedLoad',
            lastFailureInfo: {
              reason: 'ModelLoadFailed',
              exitCode: 1,
              location: 'kserve-container',
              message: input.failure,
              time: failureTime,
            },
          },
      observedGeneration: 1,
      url,
    },
  };
}

/** The predictor Deployment KServe creates in RawDeployment mode. */
function predictorDeployment(facts: ServerFacts): KubeObject {
  const {
    name,
    ready,
    created,
    readyAt,
    isvcUid,
    deploymentUid,
    hash,
    appLabels,
  } = facts;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: `${name}-predictor`,
      namespace: NS,
      uid: deploymentUid,
      creationTimestamp: created,
      labels: appLabels,
      annotations: { 'deployment.kubernetes.io/revision': '1' },
      ownerReferences: [
        {
          apiVersion: 'serving.kserve.io/v1beta1',
          kind: 'InferenceService',
          name,
          uid: isvcUid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: `isvc.${name}-predictor` } },
      strategy: { type: 'Recreate' },
      template: {
        metadata: { labels: appLabels },
        spec: { containers: [{ name: 'kserve-container', image: VLLM_IMAGE }] },
      },
    },
    status: {
      observedGeneration: 1,
      replicas: 1,
      updatedReplicas: 1,
      ...(ready
        ? { readyReplicas: 1, availableReplicas: 1 }
        : { unavailableReplicas: 1 }),
      conditions: [
        condition(
          'Available',
          ready ? 'True' : 'False',
          readyAt,
          ready ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
          ready
            ? 'Deployment has minimum availability.'
            : 'Deployment does not have minimum availability.',
        ),
        condition(
          'Progressing',
          'True',
          readyAt,
          'NewReplicaSetAvailable',
          `ReplicaSet "${name}-predictor-${hash}" has successfully progressed.`,
        ),
      ],
    },
  };
}

/** The Deployment's one ReplicaSet. */
function predictorReplicaSet(facts: ServerFacts): KubeObject {
  const { name, ready, created, deploymentUid, rsUid, hash, appLabels } = facts;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${name}-predictor-${hash}`,
      namespace: NS,
      uid: rsUid,
      creationTimestamp: created,
      labels: { ...appLabels, 'pod-template-hash': hash },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: `${name}-predictor`,
          uid: deploymentUid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas: 1,
      selector: {
        matchLabels: {
          app: `isvc.${name}-predictor`,
          'pod-template-hash': hash,
        },
      },
    },
    status: {
      replicas: 1,
      fullyLabeledReplicas: 1,
      observedGeneration: 1,
      ...(ready ? { readyReplicas: 1, availableReplicas: 1 } : {}),
    },
  };
}

/** The predictor pod: vLLM and the ModelCar sidecar; crash-looping when the model does not load. */
function predictorPod(facts: ServerFacts): KubeObject {
  const {
    input,
    name,
    version,
    ready,
    created,
    readyAt,
    failureTime,
    rsUid,
    hash,
    podName,
    appLabels,
  } = facts;
  const restartCount = ready ? 0 : 17;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName,
      namespace: NS,
      uid: uidOf(`${NS}/pod/${podName}`),
      creationTimestamp: created,
      labels: { ...appLabels, 'pod-template-hash': hash },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${name}-predictor-${hash}`,
          uid: rsUid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      nodeName: 'gpu-worker-1.demo-cluster.example.com',
      serviceAccountName: 'default',
      containers: [
        {
          name: 'kserve-container',
          image: VLLM_IMAGE,
          args: [
            '--port=8080',
            '--model=/mnt/models',
            `--served-model-name=${name}`,
            `--max-model-len=${input.maxModelLen}`,
          ],
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          resources: {
            limits: { cpu: '8', memory: '32Gi', 'nvidia.com/gpu': '1' },
            requests: { cpu: '4', memory: '24Gi', 'nvidia.com/gpu': '1' },
          },
        },
        {
          name: 'modelcar',
          image: version.uri.replace(/^oci:\/\//, ''),
          resources: { limits: { cpu: '10m', memory: '15Mi' } },
        },
      ],
    },
    status: {
      phase: 'Running',
      startTime: created,
      conditions: [
        condition('Initialized', 'True', created),
        condition(
          'Ready',
          ready ? 'True' : 'False',
          readyAt,
          ready ? undefined : 'ContainersNotReady',
          ready
            ? undefined
            : 'containers with unready status: [kserve-container]',
        ),
        condition('ContainersReady', ready ? 'True' : 'False', readyAt),
        condition('PodScheduled', 'True', created),
      ],
      containerStatuses: [
        {
          name: 'kserve-container',
          image: VLLM_IMAGE,
          imageID: VLLM_IMAGE,
          ready,
          started: ready,
          restartCount,
          state: ready
            ? { running: { startedAt: isoTime(input.createdMs + 2 * MINUTE) } }
            : {
                waiting: {
                  reason: 'CrashLoopBackOff',
                  message: `back-off 5m0s restarting failed container=kserve-container pod=${podName}_${NS}(${uidOf(
                    `${NS}/pod/${podName}`,
                  )})`,
                },
              },
          ...(ready
            ? {}
            : {
                lastState: {
                  terminated: {
                    exitCode: 1,
                    reason: 'Error',
                    startedAt: failureTime,
                    finishedAt: failureTime,
                  },
                },
              }),
        },
        {
          name: 'modelcar',
          image: version.uri.replace(/^oci:\/\//, ''),
          imageID: version.uri.replace(/^oci:\/\//, ''),
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: created } },
        },
      ],
      qosClass: 'Burstable',
    },
  };
}

/** The predictor's ClusterIP Service. */
function predictorService(facts: ServerFacts): KubeObject {
  const { name, created, isvcUid, appLabels } = facts;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: `${name}-predictor`,
      namespace: NS,
      uid: uidOf(`${NS}/svc/${name}`),
      creationTimestamp: created,
      labels: appLabels,
      ownerReferences: [
        {
          apiVersion: 'serving.kserve.io/v1beta1',
          kind: 'InferenceService',
          name,
          uid: isvcUid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      type: 'ClusterIP',
      clusterIP: `172.30.${(name.length * 7) % 250}.${
        (name.length * 13) % 250
      }`,
      ports: [{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 8080 }],
      selector: { app: `isvc.${name}-predictor` },
    },
    status: { loadBalancer: {} },
  };
}

function server(
  input: ServerInput,
  registryId: string,
): { objects: KubeObject[]; log: BuiltLog } {
  const facts = serverFacts(input, registryId);
  return {
    objects: [
      inferenceService(facts),
      predictorDeployment(facts),
      predictorReplicaSet(facts),
      predictorPod(facts),
      predictorService(facts),
    ],
    log: {
      namespace: NS,
      pod: facts.podName,
      container: 'kserve-container',
      text: vllmLog(input, input.createdMs + 2 * MINUTE),
    },
  };
}

function servingRuntime(createdMs: number): KubeObject {
  return {
    apiVersion: 'serving.kserve.io/v1alpha1',
    kind: 'ServingRuntime',
    metadata: {
      name: 'vllm-cuda-runtime',
      namespace: NS,
      creationTimestamp: isoTime(createdMs),
      labels: { 'opendatahub.io/dashboard': 'true' },
      annotations: {
        'openshift.io/display-name':
          'vLLM NVIDIA GPU ServingRuntime for KServe',
        'opendatahub.io/recommended-accelerators': '["nvidia.com/gpu"]',
        'opendatahub.io/runtime-version': 'v0.6.6',
      },
    },
    spec: {
      annotations: {
        'opendatahub.io/kserve-runtime': 'vllm',
        'prometheus.io/port': '8080',
        'prometheus.io/path': '/metrics',
      },
      multiModel: false,
      supportedModelFormats: [{ autoSelect: true, name: 'vLLM' }],
      containers: [
        {
          name: 'kserve-container',
          image: VLLM_IMAGE,
          command: ['python', '-m', 'vllm.entrypoints.openai.api_server'],
          args: [
            '--port=8080',
            '--model=/mnt/models',
            '--served-model-name={{.Name}}',
          ],
          env: [{ name: 'HF_HOME', value: '/tmp/hf_home' }],
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
        },
      ],
    },
  };
}

/** The serving part of the scenario; adds the InferenceServices to the registry. @public */
export function buildServingScenario(
  now: number,
  registry: ScenarioRegistry,
  versions: { granite: string; qwen: string; mistral: string; llama: string },
): ServingScenario {
  const inputs: ServerInput[] = [
    {
      name: 'mistral-24b-quantized',
      displayName: 'Mistral Small 24B (w4a16)',
      version: registry.version('Mistral-Small-24B-Instruct', versions.mistral),
      createdMs: now - 35 * DAY,
      maxModelLen: 16384,
    },
    {
      name: 'granite-8b-instruct',
      displayName: 'Granite 3.1 8B Instruct',
      version: registry.version('Granite-3.1-8B-Instruct', versions.granite),
      createdMs: now - 5 * DAY + 2 * HOUR,
      maxModelLen: 32768,
    },
    {
      name: 'llama31-8b-instruct',
      displayName: 'Llama 3.1 8B Instruct',
      version: registry.version('Llama-3.1-8B-Instruct', versions.llama),
      createdMs: now - 19 * DAY,
      maxModelLen: 16384,
    },
    {
      name: 'qwen25-7b-instruct',
      displayName: 'Qwen2.5 7B Instruct',
      version: registry.version('Qwen2.5-7B-Instruct', versions.qwen),
      createdMs: now - 6 * DAY - 20 * HOUR,
      maxModelLen: 32768,
      failure:
        "The model's max seq len (32768) is larger than the maximum number of tokens that can be stored in KV cache (21344). Try increasing `gpu_memory_utilization` or decreasing `max_model_len` when initializing the engine.",
    },
  ];
  const objects: KubeObject[] = [servingRuntime(now - 40 * DAY)];
  const logs: BuiltLog[] = [];
  const servers: ServingScenario['servers'] = [];
  for (const input of inputs) {
    const registryId = addRegistryInferenceService(
      registry,
      input.name,
      input.version,
      input.createdMs,
    );
    const built = server(input, registryId);
    objects.push(...built.objects);
    logs.push(built.log);
    servers.push({
      name: input.name,
      ready: !input.failure,
      registryId,
      version: input.version,
    });
  }
  return { objects, logs, servers };
}
