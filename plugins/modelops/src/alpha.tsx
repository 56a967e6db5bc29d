import { ApiBlueprint, createFrontendPlugin, discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { ModelOpsClient, modelopsApiRef } from './api/ModelOpsApi';
import { isModelOpsRunsAvailable } from './filters';

const modelopsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: modelopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) => new ModelOpsClient({ discoveryApi, fetchApi }),
    }),
});

/** The runs card on the overview of entities that select pipeline runs. @alpha */
export const entityModelOpsRunsCard = EntityCardBlueprint.make({
  name: 'runs',
  params: {
    filter: isModelOpsRunsAvailable,
    loader: () => import('./components/EntityModelOpsRunsCard').then(m => <m.EntityModelOpsRunsCard />),
  },
});

/** The "Pipeline runs" tab of entities that select pipeline runs. @alpha */
export const entityModelOpsRunsContent = EntityContentBlueprint.make({
  name: 'runs',
  params: {
    path: '/pipeline-runs',
    title: 'Pipeline runs',
    group: 'deployment',
    filter: isModelOpsRunsAvailable,
    loader: () => import('./components/EntityModelOpsRunsContent').then(m => <m.EntityModelOpsRunsContent />),
  },
});

/** The ModelOps plugin for the new frontend system. @alpha */
export default createFrontendPlugin({
  pluginId: 'modelops',
  extensions: [modelopsApi, entityModelOpsRunsCard, entityModelOpsRunsContent],
});
