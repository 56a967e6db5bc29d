import { InputError } from '@backstage/errors';
import {
  checkHuggingFaceRepo,
  checkHuggingFaceRevision,
  checkImageRepository,
  checkKubernetesName,
  checkRegisteredModelName,
  checkStorageSize,
  checkNonRootId,
  checkVersionName,
  MODELCAR_VARIANTS,
  modelCarVariant,
} from '@private-ai/plugin-modelops-common';
import { ModelCarInput } from '../tekton/modelCarPipeline';

/** The ModelCar values as a template passes them (before checks): the run's input, with defaults left open. */
export type ModelCarValues = Omit<
  ModelCarInput,
  'workspaceSize' | 'serviceAccount' | 'fsGroup' | 'runAsUser'
> &
  Partial<
    Pick<
      ModelCarInput,
      'workspaceSize' | 'serviceAccount' | 'fsGroup' | 'runAsUser'
    >
  >;

function fail(field: string, problem: string | undefined) {
  if (problem) throw new InputError(`${field}: ${problem}`);
}

/**
 * Checks every ModelCar field on its own (naming convention, Kubernetes name rules, image
 * references, no characters that mean something in YAML, a shell or a template) and returns
 * the values with the defaults filled in. Throws an InputError naming the first bad field.
 */
export function checkModelCarFields(values: ModelCarValues): ModelCarInput {
  fail('huggingFaceRepo', checkHuggingFaceRepo(values.huggingFaceRepo));
  fail(
    'huggingFaceRevision',
    checkHuggingFaceRevision(values.huggingFaceRevision),
  );
  const variant = modelCarVariant(values.variant);
  if (!variant)
    fail(
      'variant',
      `must be one of ${MODELCAR_VARIANTS.map(v => v.id).join(', ')} (got "${
        values.variant
      }")`,
    );
  fail('modelName', checkRegisteredModelName(values.modelName));
  fail('versionName', checkVersionName(values.versionName, values.variant));
  fail('namespace', checkKubernetesName(values.namespace));
  fail('internalImage', checkImageRepository(values.internalImage));
  fail('quayImage', checkImageRepository(values.quayImage));
  const workspaceSize = values.workspaceSize || variant!.workspaceSize;
  fail('workspaceSize', checkStorageSize(workspaceSize));
  fail('hfTokenSecret', checkKubernetesName(values.hfTokenSecret));
  fail('quayAuthSecret', checkKubernetesName(values.quayAuthSecret));
  const serviceAccount = values.serviceAccount || 'model-pipeline-sa';
  fail('serviceAccount', checkKubernetesName(serviceAccount));
  const fsGroup = values.fsGroup ?? 1001;
  const runAsUser = values.runAsUser ?? 1001;
  // fsGroup is also the pods' runAsGroup (see modelCarPipeline.ts).
  fail('fsGroup', checkNonRootId(fsGroup));
  fail('runAsUser', checkNonRootId(runAsUser));
  if (values.registryUrl !== undefined && values.registryUrl !== '') {
    if (
      !/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/.test(
        values.registryUrl,
      )
    ) {
      fail(
        'registryUrl',
        `must be an http(s) URL without query or credentials (got "${values.registryUrl}")`,
      );
    }
  }
  return {
    huggingFaceRepo: values.huggingFaceRepo,
    huggingFaceRevision: values.huggingFaceRevision || 'main',
    variant: values.variant,
    modelName: values.modelName,
    versionName: values.versionName,
    namespace: values.namespace,
    internalImage: values.internalImage,
    quayImage: values.quayImage,
    workspaceSize,
    hfTokenSecret: values.hfTokenSecret,
    quayAuthSecret: values.quayAuthSecret,
    serviceAccount,
    fsGroup,
    runAsUser,
    registryUrl: values.registryUrl || undefined,
  };
}
