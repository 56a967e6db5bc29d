import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import {
  ANNOTATION_REGISTRY,
  ANNOTATION_WARNINGS,
} from '@private-ai/plugin-modelops-common';
import { ModelOpsClient, modelopsApiRef } from './api/ModelOpsApi';
import {
  isModelOpsRunsAvailable,
  isNotebookValidationAvailable,
} from './filters';

const modelopsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: modelopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ModelOpsClient({ discoveryApi, fetchApi }),
    }),
});

/** The runs card on the overview of entities that select pipeline runs. @alpha */
export const entityModelOpsRunsCard = EntityCardBlueprint.make({
  name: 'runs',
  params: {
    filter: isModelOpsRunsAvailable,
    loader: () =>
      import('./components/EntityModelOpsRunsCard').then(m => (
        <m.EntityModelOpsRunsCard />
      )),
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
    loader: () =>
      import('./components/EntityModelOpsRunsContent').then(m => (
        <m.EntityModelOpsRunsContent />
      )),
  },
});

/** The "Notebook validation" tab of entities that own NotebookValidationJobs. @alpha */
export const entityNotebookValidationContent = EntityContentBlueprint.make({
  name: 'notebook-validation',
  params: {
    path: '/notebook-validation',
    title: 'Notebook validation',
    group: 'quality',
    filter: isNotebookValidationAvailable,
    loader: () =>
      import('./components/validation').then(m => (
        <m.EntityNotebookValidationContent />
      )),
  },
});

const hasType = (type: string) => (entity: { spec?: { type?: unknown } }) =>
  entity.spec?.type === type;

/** Problems the catalog module flagged, on top of the overview. @alpha */
export const entityModelOpsWarnings = EntityCardBlueprint.make({
  name: 'warnings',
  params: {
    type: 'content',
    // Entities with problems, and every registry entity: its registry may be failing.
    filter: {
      $any: [
        { [`metadata.annotations.${ANNOTATION_WARNINGS}`]: { $exists: true } },
        { [`metadata.annotations.${ANNOTATION_REGISTRY}`]: { $exists: true } },
      ],
    },
    loader: () =>
      import('./components/catalog/EntityModelOpsWarnings').then(m => (
        <m.EntityModelOpsWarnings />
      )),
  },
});

/** Versions table of a registered model. @alpha */
export const entityModelVersionsCard = EntityCardBlueprint.make({
  name: 'versions',
  params: {
    type: 'content',
    filter: hasType('ai-model'),
    loader: () =>
      import('./components/catalog/EntityModelVersionsCard').then(m => (
        <m.EntityModelVersionsCard />
      )),
  },
});

/** Lineage of a model version. @alpha */
export const entityModelLineageCard = EntityCardBlueprint.make({
  name: 'lineage',
  params: {
    type: 'content',
    filter: hasType('ai-model-version'),
    loader: () =>
      import('./components/catalog/EntityModelLineageCard').then(m => (
        <m.EntityModelLineageCard />
      )),
  },
});

/** The evaluation gate of a model version. @alpha */
export const entityEvaluationGateCard = EntityCardBlueprint.make({
  name: 'evaluation-gate',
  params: {
    type: 'content',
    filter: hasType('ai-model-version'),
    loader: () =>
      import('./components/evaluation').then(m => (
        <m.EntityEvaluationGateCard />
      )),
  },
});

/** The "Evaluation" tab of models and versions: gates, trends, comparison. @alpha */
export const entityEvaluationContent = EntityContentBlueprint.make({
  name: 'evaluation',
  params: {
    path: '/evaluation',
    title: 'Evaluation',
    group: 'quality',
    filter: (entity: { spec?: { type?: unknown } }) =>
      hasType('ai-model')(entity) || hasType('ai-model-version')(entity),
    loader: () =>
      import('./components/evaluation').then(m => (
        <m.EntityEvaluationContent />
      )),
  },
});

/** Readiness and details of a model server. @alpha */
export const entityModelServerCard = EntityCardBlueprint.make({
  name: 'model-server',
  params: {
    // In the info column beside About: readiness is the first thing to see on a server's page.
    type: 'info',
    filter: hasType('model-server'),
    loader: () =>
      import('./components/catalog/EntityModelServerCard').then(m => (
        <m.EntityModelServerCard />
      )),
  },
});

/** Scaffolder field `HuggingFaceRepo`: a Hugging Face repository, checked as typed. @alpha */
export const huggingFaceRepoFormField = FormFieldBlueprint.make({
  name: 'hugging-face-repo',
  params: {
    field: () =>
      import('./scaffolder/formFields').then(m => m.huggingFaceRepoField),
  },
});

/** Scaffolder field `RegisteredModelPicker`: a registered model of the catalog, or a new name. @alpha */
export const registeredModelPickerFormField = FormFieldBlueprint.make({
  name: 'registered-model-picker',
  params: {
    field: () =>
      import('./scaffolder/formFields').then(m => m.registeredModelPickerField),
  },
});

/** Scaffolder field `ModelVersionName`: a proposed version name, checked live against the Model Registry. @alpha */
export const modelVersionNameFormField = FormFieldBlueprint.make({
  name: 'model-version-name',
  params: {
    field: () =>
      import('./scaffolder/formFields').then(m => m.modelVersionNameField),
  },
});

/** The ModelOps plugin for the new frontend system. @alpha */
export default createFrontendPlugin({
  pluginId: 'modelops',
  extensions: [
    modelopsApi,
    entityModelOpsWarnings,
    entityModelVersionsCard,
    entityModelLineageCard,
    entityModelServerCard,
    entityModelOpsRunsCard,
    entityModelOpsRunsContent,
    entityNotebookValidationContent,
    entityEvaluationGateCard,
    entityEvaluationContent,
    huggingFaceRepoFormField,
    registeredModelPickerFormField,
    modelVersionNameFormField,
  ],
});
