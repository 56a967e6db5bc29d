import { TektonObject } from './types';

/**
 * The Tasks of the ModelCar pipeline, written so that the failures the field hit cannot
 * happen: every task runs with the pod security context of the run (one UID, `fsGroup`)
 * and leaves the workspace group-writable; the archive digest is read right after the
 * build and compared again before and after each push; credentials come from Secrets by
 * name, never as params.
 */

const UBI_PYTHON = 'registry.access.redhat.com/ubi9/python-311:9.5';
const BUILDAH = 'registry.redhat.io/rhel9/buildah:9.5';
const SKOPEO = 'registry.redhat.io/rhel9/skopeo:9.5';
const UBI_MINIMAL = 'registry.access.redhat.com/ubi9/ubi-minimal:9.5';

const ARCHIVE = '$(workspaces.shared.path)/oci/image.tar';

// Printed first in every step: the evidence the team used to collect by hand (UID, GID,
// groups, archive mode) is then in the log of the task that fails.
const PREAMBLE = `#!/usr/bin/env bash
set -euo pipefail
umask 0002
echo "runtime: $(id)"`;

function task(
  name: string,
  description: string,
  spec: Record<string, unknown>,
): TektonObject {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Task',
    metadata: {
      name,
      labels: { 'app.kubernetes.io/part-of': 'private-ai-modelops' },
    },
    spec: {
      description,
      workspaces: [
        {
          name: 'shared',
          description: "The run's one PVC: model files and the OCI archive",
        },
      ],
      ...spec,
    },
  };
}

/** Downloads a Hugging Face repository into the workspace with the token from a Secret. */
export const hfDownloadTask = task(
  'hf-download',
  'Downloads a Hugging Face model repository into the shared workspace.',
  {
    params: [
      {
        name: 'hf-repo',
        type: 'string',
        description: 'Repository, owner/name',
      },
      {
        name: 'hf-revision',
        type: 'string',
        default: 'main',
        description: 'Branch, tag or commit',
      },
      {
        name: 'hf-token-secret',
        type: 'string',
        description: 'Secret with the Hugging Face token under the key "token"',
      },
    ],
    steps: [
      {
        name: 'download',
        image: UBI_PYTHON,
        computeResources: {
          requests: { memory: '4Gi' },
          limits: { memory: '4Gi' },
        },
        env: [
          {
            name: 'HF_TOKEN',
            valueFrom: {
              secretKeyRef: { name: '$(params.hf-token-secret)', key: 'token' },
            },
          },
          { name: 'HF_HOME', value: '$(workspaces.shared.path)/.hf-home' },
        ],
        script: `${PREAMBLE}
pip install --quiet --user 'huggingface_hub[cli]'
export PATH="$HOME/.local/bin:$PATH"
rm -rf "$(workspaces.shared.path)/model" "$(workspaces.shared.path)/oci"
huggingface-cli download "$(params.hf-repo)" --revision "$(params.hf-revision)" --local-dir "$(workspaces.shared.path)/model"
chmod -R g+rwX "$(workspaces.shared.path)/model"
du -sh "$(workspaces.shared.path)/model"`,
      },
    ],
  },
);

/** Builds the ModelCar image as an OCI archive and reports its digest. */
export const modelCarBuildTask = task(
  'modelcar-build',
  'Builds a ModelCar OCI archive from the downloaded model and reports its digest.',
  {
    params: [
      {
        name: 'image',
        type: 'string',
        description: 'Image reference the archive is named with',
      },
    ],
    results: [
      {
        name: 'IMAGE_DIGEST',
        type: 'string',
        description: 'Digest of the archive, as skopeo inspect reports it',
      },
      { name: 'IMAGE_URL', type: 'string', description: 'The image reference' },
    ],
    steps: [
      {
        name: 'build',
        image: BUILDAH,
        computeResources: {
          requests: { memory: '8Gi' },
          limits: { memory: '8Gi' },
        },
        securityContext: { capabilities: { add: ['SETFCAP'] } },
        script: `${PREAMBLE}
cd "$(workspaces.shared.path)"
printf 'FROM registry.access.redhat.com/ubi9/ubi-micro:9.5\\nCOPY --chmod=775 model /models\\nUSER 1001\\n' > Containerfile.modelcar
mkdir -p oci
buildah --storage-driver=vfs bud --format oci -f Containerfile.modelcar -t "$(params.image)" .
# Write to a temporary name and rename: a reader never sees a half-written archive.
buildah --storage-driver=vfs push "$(params.image)" "oci-archive:oci/image.tar.partial:$(params.image)"
mv oci/image.tar.partial oci/image.tar
chmod -R g+rwX oci
ls -ln oci`,
      },
      {
        name: 'inspect',
        image: SKOPEO,
        computeResources: {
          requests: { memory: '512Mi' },
          limits: { memory: '512Mi' },
        },
        script: `${PREAMBLE}
stat "${ARCHIVE}"
digest="$(skopeo inspect --format '{{.Digest}}' "oci-archive:${ARCHIVE}")"
echo "archive digest: $digest"
printf '%s' "$digest" > "$(results.IMAGE_DIGEST.path)"
printf '%s' "$(params.image)" > "$(results.IMAGE_URL.path)"`,
      },
    ],
  },
);

/** Pushes the archive to one registry and fails unless the pushed digest is the built one. */
export const skopeoPushTask = task(
  'skopeo-push',
  'Pushes the OCI archive to a registry and checks that the pushed digest is the built one.',
  {
    params: [
      {
        name: 'image',
        type: 'string',
        description: 'Destination image reference',
      },
      {
        name: 'expected-digest',
        type: 'string',
        description: 'Digest build-image reported',
      },
    ],
    workspaces: [
      {
        name: 'shared',
        description: "The run's one PVC: model files and the OCI archive",
      },
      {
        name: 'dockerconfig',
        optional: true,
        readOnly: true,
        description:
          'Secret with .dockerconfigjson; unbound, the service account token is used (internal registry)',
      },
    ],
    results: [
      {
        name: 'IMAGE_DIGEST',
        type: 'string',
        description: 'Digest the registry holds after the push',
      },
      {
        name: 'IMAGE_URL',
        type: 'string',
        description: 'The pushed image reference',
      },
    ],
    steps: [
      {
        name: 'push',
        image: SKOPEO,
        computeResources: {
          requests: { memory: '1Gi' },
          limits: { memory: '1Gi' },
        },
        script: `${PREAMBLE}
ls -ln "$(workspaces.shared.path)/oci"
before="$(skopeo inspect --format '{{.Digest}}' "oci-archive:${ARCHIVE}")"
if [ "$before" != "$(params.expected-digest)" ]; then
  echo "digest mismatch: the archive is $before, build-image reported $(params.expected-digest)" >&2
  exit 1
fi
if [ "$(workspaces.dockerconfig.bound)" = "true" ]; then
  auth=(--dest-authfile "$(workspaces.dockerconfig.path)/.dockerconfigjson")
else
  auth=(--dest-registry-token "$(cat /var/run/secrets/kubernetes.io/serviceaccount/token)")
fi
# Straight from the archive: no copy to a temp dir, so no ephemeral storage is needed.
skopeo copy --retry-times 3 "\${auth[@]}" --digestfile /tmp/pushed-digest "oci-archive:${ARCHIVE}" "docker://$(params.image)"
pushed="$(cat /tmp/pushed-digest)"
echo "pushed digest: $pushed"
if [ "$pushed" != "$(params.expected-digest)" ]; then
  echo "digest mismatch: pushed $pushed, build-image reported $(params.expected-digest)" >&2
  exit 1
fi
printf '%s' "$pushed" > "$(results.IMAGE_DIGEST.path)"
printf '%s' "$(params.image)" > "$(results.IMAGE_URL.path)"`,
      },
    ],
  },
);

/** Registers the version (and the model when new) in the Model Registry. */
export const modelRegistryRegisterTask = task(
  'model-registry-register',
  'Registers the model version and its ModelCar artifact in the Model Registry.',
  {
    params: [
      { name: 'model-name', type: 'string' },
      { name: 'version-name', type: 'string' },
      { name: 'image-digest', type: 'string' },
      {
        name: 'image',
        type: 'string',
        description: 'Image repository on Quay (without tag)',
      },
      { name: 'hf-repo', type: 'string' },
      {
        name: 'registry-url',
        type: 'string',
        description: 'Model Registry REST base URL, reachable from the cluster',
      },
    ],
    results: [
      { name: 'REGISTERED_MODEL_ID', type: 'string' },
      { name: 'MODEL_VERSION_ID', type: 'string' },
    ],
    steps: [
      {
        name: 'register',
        image: UBI_MINIMAL,
        computeResources: {
          requests: { memory: '256Mi' },
          limits: { memory: '256Mi' },
        },
        env: [
          { name: 'MODEL_NAME', value: '$(params.model-name)' },
          { name: 'VERSION_NAME', value: '$(params.version-name)' },
          {
            name: 'ARTIFACT_URI',
            value: 'oci://$(params.image)@$(params.image-digest)',
          },
          { name: 'HF_REPO', value: '$(params.hf-repo)' },
          {
            name: 'REGISTRY',
            value: '$(params.registry-url)/api/model_registry/v1alpha3',
          },
        ],
        script: `${PREAMBLE}
token="$(cat /var/run/secrets/kubernetes.io/serviceaccount/token)"
api() { curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
model_id="$(api "$REGISTRY/registered_model?name=$MODEL_NAME" | sed -n 's/.*"id": *"\\([0-9]*\\)".*/\\1/p' | head -n1 || true)"
if [ -z "$model_id" ]; then
  model_id="$(api -X POST "$REGISTRY/registered_models" -d "{\\"name\\":\\"$MODEL_NAME\\"}" | sed -n 's/.*"id": *"\\([0-9]*\\)".*/\\1/p' | head -n1)"
fi
version_id="$(api -X POST "$REGISTRY/registered_models/$model_id/versions" -d "{\\"name\\":\\"$VERSION_NAME\\",\\"registeredModelId\\":\\"$model_id\\",\\"customProperties\\":{\\"hf_repo\\":{\\"metadataType\\":\\"MetadataStringValue\\",\\"string_value\\":\\"$HF_REPO\\"}}}" | sed -n 's/.*"id": *"\\([0-9]*\\)".*/\\1/p' | head -n1)"
api -X POST "$REGISTRY/model_versions/$version_id/artifacts" -d "{\\"artifactType\\":\\"model-artifact\\",\\"name\\":\\"$VERSION_NAME\\",\\"uri\\":\\"$ARTIFACT_URI\\",\\"modelFormatName\\":\\"vllm\\"}" >/dev/null
printf '%s' "$model_id" > "$(results.REGISTERED_MODEL_ID.path)"
printf '%s' "$version_id" > "$(results.MODEL_VERSION_ID.path)"
echo "registered $MODEL_NAME $VERSION_NAME ($ARTIFACT_URI)"`,
      },
    ],
  },
);

/** Every Task the ModelCar pipeline refers to. */
export const modelCarTasks: TektonObject[] = [
  hfDownloadTask,
  modelCarBuildTask,
  skopeoPushTask,
  modelRegistryRegisterTask,
];
