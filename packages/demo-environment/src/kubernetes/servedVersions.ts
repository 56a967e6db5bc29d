import { apiVersionOf, ResourceType, storageVersionOf } from './resourceTypes';
import { KubeObject } from './types';

// The fake stores one version per type; a type served in more than one version (autoscaling
// v2 and v1) keeps the same shape in each, so only the apiVersion differs.

/** A stored object as the given served version answers it. @public */
export function toServedVersion(
  object: KubeObject,
  type: ResourceType,
  version: string,
): KubeObject {
  if (version === storageVersionOf(type)) {
    return object;
  }
  return { ...object, apiVersion: apiVersionOf(type.group, version) };
}

/** An object written through a served version, as stored. @public */
export function toStorageVersion(
  object: KubeObject,
  type: ResourceType,
): KubeObject {
  const stored = apiVersionOf(type.group, storageVersionOf(type));
  return object.apiVersion === stored
    ? object
    : { ...object, apiVersion: stored };
}
