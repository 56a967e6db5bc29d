import { InputError } from '@backstage/errors';
import {
  ClusterClient,
  ClusterRequestError,
  KubernetesResource,
  RegistryRegisteredModel,
} from '@private-ai/plugin-modelops-node';
import { RegistryTarget } from '../service/ModelOpsTargets';

const NAMESPACES: KubernetesResource = {
  group: '',
  version: 'v1',
  plural: 'namespaces',
};
const SECRETS: KubernetesResource = {
  group: '',
  version: 'v1',
  plural: 'secrets',
};
const SERVICE_ACCOUNTS: KubernetesResource = {
  group: '',
  version: 'v1',
  plural: 'serviceaccounts',
};
/** KServe InferenceServices. */
export const INFERENCE_SERVICES: KubernetesResource = {
  group: 'serving.kserve.io',
  version: 'v1beta1',
  plural: 'inferenceservices',
};

/** A cluster call whose failure is reported against the field that led to it. */
export async function onCluster<T>(
  field: string,
  client: ClusterClient,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ClusterRequestError) {
      throw new InputError(
        `${field}: cluster ${client.cluster} could not be checked: ${error.message}`,
      );
    }
    throw error;
  }
}

/** A registry call whose failure is reported against the field that led to it. */
export async function onRegistry<T>(
  field: string,
  registry: RegistryTarget,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new InputError(
      `${field}: the Model Registry "${registry.id}" could not be checked: ${
        (error as Error).message
      }`,
    );
  }
}

/** What the registry knows of a model and a wanted version name. */
export interface RegistryCheck {
  registry: string;
  modelExists: boolean;
  modelId?: string;
  versionExists: boolean;
  versionId?: string;
  /** Version names of the model, newest first. */
  versions: string[];
}

/** Looks a model and a version up in the registry. */
export async function lookUpVersion(
  registry: RegistryTarget,
  modelName: string,
  versionName: string | undefined,
  fields = { model: 'modelName', version: 'versionName' },
): Promise<RegistryCheck> {
  const model: RegistryRegisteredModel | undefined = await onRegistry(
    fields.model,
    registry,
    () => registry.client.findModel(modelName),
  );
  if (!model)
    return {
      registry: registry.id,
      modelExists: false,
      versionExists: false,
      versions: [],
    };
  const versions = await onRegistry(fields.version, registry, () =>
    registry.client.listModelVersions(model.id),
  );
  const sorted = [...versions].sort(
    (a, b) =>
      Number(b.createTimeSinceEpoch ?? 0) - Number(a.createTimeSinceEpoch ?? 0),
  );
  const match = versionName
    ? sorted.find(v => v.name === versionName)
    : undefined;
  return {
    registry: registry.id,
    modelExists: true,
    modelId: model.id,
    versionExists: !!match,
    versionId: match?.id,
    versions: sorted.map(v => v.name),
  };
}

/** Refuses a version name the registry already has for that model. */
export async function checkVersionIsFree(
  registry: RegistryTarget,
  modelName: string,
  versionName: string,
): Promise<RegistryCheck> {
  const found = await lookUpVersion(registry, modelName, versionName);
  if (found.versionExists) {
    throw new InputError(
      `versionName: model ${modelName} already has a version "${versionName}" in the Model Registry "${registry.id}"; pick another name`,
    );
  }
  return found;
}

/** A Secret the run needs: the field that names it and a key it must hold. */
export interface RequiredSecret {
  field: string;
  name: string;
  key: string;
}

/**
 * Checks what the run needs in its namespace before anything is created: the namespace, the
 * service account and each Secret with its key. Only names and key names are looked at and
 * reported; a Secret's values are never read into a message or a file.
 */
export async function checkNamespaceReady(
  client: ClusterClient,
  namespace: string,
  needs: {
    serviceAccount?: { field: string; name: string };
    secrets: RequiredSecret[];
  },
): Promise<void> {
  const ns = await onCluster('namespace', client, () =>
    client.get(NAMESPACES, '', namespace),
  );
  if (!ns)
    throw new InputError(
      `namespace: there is no namespace "${namespace}" on cluster ${client.cluster}`,
    );
  if (needs.serviceAccount) {
    const { field, name } = needs.serviceAccount;
    const sa = await onCluster(field, client, () =>
      client.get(SERVICE_ACCOUNTS, namespace, name),
    );
    if (!sa)
      throw new InputError(
        `${field}: there is no service account "${name}" in ${namespace} on cluster ${client.cluster}`,
      );
  }
  for (const secret of needs.secrets) {
    const found = await onCluster(secret.field, client, () =>
      client.get<{ data?: Record<string, unknown> }>(
        SECRETS,
        namespace,
        secret.name,
      ),
    );
    if (!found)
      throw new InputError(
        `${secret.field}: there is no Secret "${secret.name}" in ${namespace} on cluster ${client.cluster}; create it first`,
      );
    const keys = Object.keys(found.data ?? {});
    if (!keys.includes(secret.key)) {
      throw new InputError(
        `${secret.field}: the Secret "${
          secret.name
        }" in ${namespace} has no key "${secret.key}" (it has: ${
          keys.join(', ') || 'no keys'
        })`,
      );
    }
  }
}
