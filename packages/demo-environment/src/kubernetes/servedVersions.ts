import { apiVersionOf, ResourceType, storageVersionOf } from './resourceTypes';
import { tektonToV1, tektonToV1beta1 } from './tektonConversion';
import { KubeObject } from './types';

/** A stored object as the given served version answers it. @public */
export function toServedVersion(
  object: KubeObject,
  type: ResourceType,
  version: string,
): KubeObject {
  if (version === storageVersionOf(type)) {
    return object;
  }
  if (type.group === 'tekton.dev' && version === 'v1beta1') {
    return tektonToV1beta1(object);
  }
  return { ...object, apiVersion: apiVersionOf(type.group, version) };
}

/** An object written through a served version, as stored. @public */
export function toStorageVersion(
  object: KubeObject,
  type: ResourceType,
): KubeObject {
  const storage = storageVersionOf(type);
  const stored = apiVersionOf(type.group, storage);
  if (object.apiVersion === stored) {
    return object;
  }
  if (
    type.group === 'tekton.dev' &&
    object.apiVersion === 'tekton.dev/v1beta1'
  ) {
    return tektonToV1(object);
  }
  return { ...object, apiVersion: stored };
}
