import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples of `modelops:pipeline:validate`, each run by validatePipeline.examples.test.ts. */
export const examples: TemplateExample[] = [
  {
    description:
      'Check a new quantized ModelCar build of Mistral Small before anything is written or started',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'modelops:pipeline:validate',
          name: 'Validate the ModelCar request',
          input: {
            pipeline: 'modelcar',
            cluster: 'demo-cluster',
            huggingFaceRepo: 'mistralai/Mistral-Small-24B-Instruct-2501',
            variant: 'quantized-w4a16',
            modelName: 'Mistral-Small-24B-Instruct',
            versionName: 'quantized-w4a16-20261125-0215',
            namespace: 'private-ai',
            internalImage:
              'image-registry.openshift-image-registry.svc:5000/private-ai/mistral-small-24b-instruct',
            quayImage: 'quay.io/private-ai/mistral-small-24b-instruct',
            hfTokenSecret: 'hf-token',
            quayAuthSecret: 'quay-push-credentials',
          },
        },
      ],
    }),
  },
  {
    description:
      'Check an evaluation of a served model version picked from the catalog',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'modelops:pipeline:validate',
          name: 'Validate the evaluation request',
          input: {
            pipeline: 'evaluation',
            modelVersion:
              'resource:default/mistral-small-24b-instruct-quantized-w4a16-2501',
            modelServer: 'component:default/mistral-24b-quantized',
            lmEvalTasks: ['mmlu', 'gsm8k'],
            guidellmProfile: 'sweep',
            minAccuracy: 0.6,
            maxTtftP90Ms: 800,
          },
        },
      ],
    }),
  },
];
