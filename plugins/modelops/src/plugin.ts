import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { ModelOpsClient, modelopsApiRef } from './api/ModelOpsApi';
import {
  HuggingFaceRepoField,
  validateHuggingFaceRepo,
} from './scaffolder/HuggingFaceRepoField';
import {
  ModelVersionNameField,
  validateModelVersionName,
} from './scaffolder/ModelVersionNameField';
import {
  RegisteredModelPicker,
  validateRegisteredModelName,
} from './scaffolder/RegisteredModelPicker';

/** The ModelOps frontend plugin (legacy frontend system). @public */
export const modelopsPlugin = createPlugin({
  id: 'modelops',
  apis: [
    createApiFactory({
      api: modelopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ModelOpsClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/** Card with the latest pipeline runs of the entity and the cause of each failure. @public */
export const EntityModelOpsRunsCard = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelOpsRunsCard',
    component: {
      lazy: () =>
        import('./components/EntityModelOpsRunsCard').then(
          m => m.EntityModelOpsRunsCard,
        ),
    },
  }),
);

/** Tab with every pipeline run of the entity: tasks, digests, diagnosis, logs, re-run and cancel. @public */
export const EntityModelOpsRunsContent = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelOpsRunsContent',
    component: {
      lazy: () =>
        import('./components/EntityModelOpsRunsContent').then(
          m => m.EntityModelOpsRunsContent,
        ),
    },
  }),
);

/** Versions table of a registered model. @public */
export const EntityModelVersionsCard = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelVersionsCard',
    component: {
      lazy: () =>
        import('./components/catalog/EntityModelVersionsCard').then(
          m => m.EntityModelVersionsCard,
        ),
    },
  }),
);

/** Lineage of a model version: source, build run, digests, registration, servers. @public */
export const EntityModelLineageCard = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelLineageCard',
    component: {
      lazy: () =>
        import('./components/catalog/EntityModelLineageCard').then(
          m => m.EntityModelLineageCard,
        ),
    },
  }),
);

/** Readiness and details of a model server. @public */
export const EntityModelServerCard = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelServerCard',
    component: {
      lazy: () =>
        import('./components/catalog/EntityModelServerCard').then(
          m => m.EntityModelServerCard,
        ),
    },
  }),
);

/** Problems the catalog module flagged on the entity. @public */
export const EntityModelOpsWarnings = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityModelOpsWarnings',
    component: {
      lazy: () =>
        import('./components/catalog/EntityModelOpsWarnings').then(
          m => m.EntityModelOpsWarnings,
        ),
    },
  }),
);

/** Tab with the NotebookValidationJobs of the entity on a board of sync waves. @public */
export const EntityNotebookValidationContent = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityNotebookValidationContent',
    component: {
      lazy: () =>
        import('./components/validation').then(
          m => m.EntityNotebookValidationContent,
        ),
    },
  }),
);

/** The evaluation gate of a model version: pass / fail against the model's thresholds, accuracy and performance. @public */
export const EntityEvaluationGateCard = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityEvaluationGateCard',
    component: {
      lazy: () =>
        import('./components/evaluation').then(m => m.EntityEvaluationGateCard),
    },
  }),
);

/** Tab with every version's evaluation gate, trends across versions and a comparison of two. @public */
export const EntityEvaluationContent = modelopsPlugin.provide(
  createComponentExtension({
    name: 'EntityEvaluationContent',
    component: {
      lazy: () =>
        import('./components/evaluation').then(m => m.EntityEvaluationContent),
    },
  }),
);

/** Scaffolder field `HuggingFaceRepo` (legacy frontend system: put it inside `ScaffolderFieldExtensions`). @public */
export const HuggingFaceRepoFieldExtension = modelopsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'HuggingFaceRepo',
    component: HuggingFaceRepoField,
    validation: validateHuggingFaceRepo,
  }),
);

/** Scaffolder field `RegisteredModelPicker` (legacy frontend system). @public */
export const RegisteredModelPickerFieldExtension = modelopsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'RegisteredModelPicker',
    component: RegisteredModelPicker,
    validation: validateRegisteredModelName,
  }),
);

/** Scaffolder field `ModelVersionName` (legacy frontend system). @public */
export const ModelVersionNameFieldExtension = modelopsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'ModelVersionName',
    component: ModelVersionNameField,
    validation: validateModelVersionName,
  }),
);
