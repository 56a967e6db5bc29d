import { Entity } from '@backstage/catalog-model';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/** The model entity that claims the demo's Mistral runs (by `backstage.io/kubernetes-id`). */
export const MISTRAL_MODEL_ENTITY: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'mistral-small-24b-instruct',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'mistral-small-24b-instruct' },
  },
  spec: { type: 'ai-model', owner: 'group:default/ai-platform' },
};

/**
 * The services a fault test's backend runs with besides its config: a policy that allows
 * everything, a scheduler, no default credentials, and a catalog holding `entities`.
 */
export function allowAllServices(entities: Entity[] = [MISTRAL_MODEL_ENTITY]) {
  return [
    mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    }).factory,
    mockServices.scheduler.factory(),
    mockServices.httpAuth.factory({
      defaultCredentials: mockCredentials.none(),
    }),
    catalogServiceMock.factory({ entities }),
  ];
}
