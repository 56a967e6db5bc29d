/**
 * The contract of a Tekton Pipeline, said once: its params, workspaces, tasks (what each task
 * is given and which results it writes) and results. The scaffolder renders the Pipeline it
 * creates from it; the demo environment serves and simulates the same Pipeline.
 */

/** A param of a Pipeline. @public */
export interface PipelineParamContract {
  name: string;
  description: string;
  default?: string;
}

/** A workspace of a Pipeline. @public */
export interface PipelineWorkspaceContract {
  name: string;
  description: string;
  optional?: boolean;
}

/** A task of a Pipeline. @public */
export interface PipelineTaskContract {
  /** Name of the task in the Pipeline. */
  name: string;
  /** Name of the Task it runs. */
  taskRef: string;
  runAfter: string[];
  /** Task param -> value (`$(params.x)`, `$(tasks.t.results.R)`). */
  params: Record<string, string>;
  /** Task workspace -> Pipeline workspace. */
  workspaces: Record<string, string>;
  /** Result names the Task writes. */
  results: string[];
}

/** A Pipeline's contract. @public */
export interface PipelineContract {
  name: string;
  description: string;
  params: PipelineParamContract[];
  workspaces: PipelineWorkspaceContract[];
  tasks: PipelineTaskContract[];
  /** Pipeline results: name -> `$(tasks.t.results.R)`. */
  results: Record<string, string>;
}

const BUILT_DIGEST = '$(tasks.build-image.results.IMAGE_DIGEST)';
const SHARED = { shared: 'shared' };

/**
 * `modelcar-build-deploy-v2`: downloads a Hugging Face model, builds a ModelCar OCI image,
 * pushes it to the internal registry and then to Quay (never both at once: two pushes
 * reading one archive raced), checking the built digest after each push, and registers the
 * version with the digest Quay reported.
 * @public
 */
export const MODELCAR_PIPELINE: PipelineContract =
  Object.freeze<PipelineContract>({
    name: 'modelcar-build-deploy-v2',
    description:
      'Downloads a Hugging Face model, builds a ModelCar OCI image, pushes it to the internal registry and to Quay (one after the other, digest checked after each) and registers the version in the Model Registry.',
    params: [
      {
        name: 'hf-repo',
        description:
          'Hugging Face repository, owner/name, e.g. mistralai/Mistral-Small-24B-Instruct-2501',
      },
      {
        name: 'hf-revision',
        description: 'Branch, tag or commit of the repository',
        default: 'main',
      },
      {
        name: 'internal-image',
        description: 'Image in the internal registry (without tag)',
      },
      { name: 'quay-image', description: 'Image on Quay (without tag)' },
      {
        name: 'model-name',
        description: 'Registered model name in the Model Registry',
      },
      {
        name: 'version-name',
        description: 'Model version name, e.g. quantized-w4a16-20261118-0215',
      },
      {
        name: 'hf-token-secret',
        description:
          'Name of the Secret holding the Hugging Face token (key "token")',
        default: 'hf-token',
      },
      {
        name: 'model-registry-url',
        description: 'Model Registry REST URL reachable from the cluster',
        default: 'https://model-registry-rest.rhoai-model-registries.svc:8443',
      },
    ],
    workspaces: [
      {
        name: 'shared',
        description:
          'One PVC for the model files and the OCI archive, shared by every task',
      },
      {
        name: 'quay-auth',
        description:
          'Secret of type kubernetes.io/dockerconfigjson with the Quay push credentials',
      },
    ],
    tasks: [
      {
        name: 'download-model',
        taskRef: 'hf-download',
        runAfter: [],
        params: {
          'hf-repo': '$(params.hf-repo)',
          'hf-revision': '$(params.hf-revision)',
          'hf-token-secret': '$(params.hf-token-secret)',
        },
        workspaces: SHARED,
        results: [],
      },
      {
        name: 'build-image',
        taskRef: 'modelcar-build',
        runAfter: ['download-model'],
        params: { image: '$(params.internal-image):$(params.version-name)' },
        workspaces: SHARED,
        results: ['IMAGE_DIGEST', 'IMAGE_URL'],
      },
      {
        name: 'push-to-internal',
        taskRef: 'skopeo-push',
        runAfter: ['build-image'],
        params: {
          image: '$(params.internal-image):$(params.version-name)',
          'expected-digest': BUILT_DIGEST,
        },
        workspaces: SHARED,
        results: ['IMAGE_DIGEST', 'IMAGE_URL'],
      },
      {
        name: 'push-to-quay',
        taskRef: 'skopeo-push',
        runAfter: ['push-to-internal'],
        params: {
          image: '$(params.quay-image):$(params.version-name)',
          'expected-digest': BUILT_DIGEST,
        },
        workspaces: { ...SHARED, dockerconfig: 'quay-auth' },
        results: ['IMAGE_DIGEST', 'IMAGE_URL'],
      },
      {
        name: 'register-model',
        taskRef: 'model-registry-register',
        runAfter: ['push-to-quay'],
        params: {
          'model-name': '$(params.model-name)',
          'version-name': '$(params.version-name)',
          'image-digest': '$(tasks.push-to-quay.results.IMAGE_DIGEST)',
          image: '$(params.quay-image)',
          'hf-repo': '$(params.hf-repo)',
          'registry-url': '$(params.model-registry-url)',
        },
        workspaces: SHARED,
        results: ['REGISTERED_MODEL_ID', 'MODEL_VERSION_ID'],
      },
    ],
    results: {
      IMAGE_DIGEST: BUILT_DIGEST,
      MODEL_VERSION_ID: '$(tasks.register-model.results.MODEL_VERSION_ID)',
    },
  });

/** The `spec` of the Pipeline a contract describes (tekton.dev/v1). @public */
export function pipelineSpecOf(
  pipeline: PipelineContract,
): Record<string, unknown> {
  return {
    description: pipeline.description,
    params: pipeline.params.map(p => ({
      name: p.name,
      type: 'string',
      description: p.description,
      ...(p.default !== undefined ? { default: p.default } : {}),
    })),
    ...(pipeline.workspaces.length
      ? {
          workspaces: pipeline.workspaces.map(w => ({
            name: w.name,
            description: w.description,
            ...(w.optional ? { optional: true } : {}),
          })),
        }
      : {}),
    tasks: pipeline.tasks.map(task => ({
      name: task.name,
      taskRef: { kind: 'Task', name: task.taskRef },
      ...(task.runAfter.length ? { runAfter: task.runAfter } : {}),
      params: Object.entries(task.params).map(([name, value]) => ({
        name,
        value,
      })),
      ...(Object.keys(task.workspaces).length
        ? {
            workspaces: Object.entries(task.workspaces).map(
              ([name, workspace]) => ({ name, workspace }),
            ),
          }
        : {}),
    })),
    results: Object.entries(pipeline.results).map(([name, value]) => ({
      name,
      type: 'string',
      value,
    })),
  };
}
