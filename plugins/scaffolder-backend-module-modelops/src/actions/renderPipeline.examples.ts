import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `modelops:pipeline:render`, each run by renderPipeline.examples.test.ts. */
export const examples: TemplateExample[] = [
  {
    description:
      'Write a full fp16 ModelCar build of a new model into .tekton/ for a pull request',
    example: yaml.stringify({
      steps: [
        {
          id: 'render',
          action: 'modelops:pipeline:render',
          name: 'Render the ModelCar pipeline',
          input: {
            pipeline: 'modelcar',
            cluster: 'demo-cluster',
            targetPath: '.tekton',
            huggingFaceRepo: 'ibm-granite/granite-3.3-8b-instruct',
            huggingFaceRevision: 'main',
            variant: 'full-fp16',
            modelName: 'Granite-3.3-8B-Instruct',
            versionName: 'full-fp16-20261125-0300',
            namespace: 'private-ai',
            internalImage:
              'image-registry.openshift-image-registry.svc:5000/private-ai/granite-3-3-8b-instruct',
            quayImage: 'quay.io/private-ai/granite-3-3-8b-instruct',
            workspaceSize: '80Gi',
            hfTokenSecret: 'hf-token',
            quayAuthSecret: 'quay-push-credentials',
            serviceAccount: 'model-pipeline-sa',
            fsGroup: 1000970000,
            runAsUser: 1000970000,
          },
        },
      ],
    }),
  },
];
