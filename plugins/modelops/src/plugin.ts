import { createApiFactory, createComponentExtension, createPlugin, discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { ModelOpsClient, modelopsApiRef } from './api/ModelOpsApi';

/** The ModelOps frontend plugin (legacy frontend system). @public */
export const modelopsPlugin = createPlugin({
  id: 'modelops',
  apis: [
    createApiFactory({
      api: modelopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new ModelOpsClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/** Card with the latest pipeline runs of the entity and the cause of each failure. @public */
export const EntityModelOpsRunsCard = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelOpsRunsCard',
    component: { lazy: () => import('./components/EntityModelOpsRunsCard').then(m => m.EntityModelOpsRunsCard) },
  }),
);

/** Tab with every pipeline run of the entity: tasks, digests, diagnosis, logs, re-run and cancel. @public */
export const EntityModelOpsRunsContent = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelOpsRunsContent',
    component: { lazy: () => import('./components/EntityModelOpsRunsContent').then(m => m.EntityModelOpsRunsContent) },
  }),
);
