import { entityNameOf } from './ids';

/** A model family of the scenario: one registered model. @public */
export interface ModelFamily {
  /** Registered model name. */
  name: string;
  /** Entity name the catalog derives (and runs are labelled with). */
  entity: string;
  /** Short prefix of run names, e.g. `mistral-24b`. */
  runPrefix: string;
  hfRepo: string;
  provider: string;
  license: string;
  licenseLink: string;
  description: string;
  language: string[];
  /** Image repositories (without tag). */
  quayImage: string;
  internalImage: string;
}

const INTERNAL_REGISTRY =
  'image-registry.openshift-image-registry.svc:5000/private-ai';

function family(
  name: string,
  runPrefix: string,
  hfRepo: string,
  provider: string,
  license: string,
  licenseLink: string,
  description: string,
): ModelFamily {
  const entity = entityNameOf(name);
  return {
    name,
    entity,
    runPrefix,
    hfRepo,
    provider,
    license,
    licenseLink,
    description,
    language: ['en', 'fr', 'de', 'es', 'it'],
    quayImage: `quay.io/private-ai/modelcar-${entity}`,
    internalImage: `${INTERNAL_REGISTRY}/modelcar-${entity}`,
  };
}

/** The four model families of the demo scenario. @public */
export const modelFamilies = {
  mistral: family(
    'Mistral-Small-24B-Instruct',
    'mistral-24b',
    'mistralai/Mistral-Small-24B-Instruct-2501',
    'Mistral AI',
    'apache-2.0',
    'https://www.apache.org/licenses/LICENSE-2.0',
    'Mistral Small 3 (2501), 24B instruction-tuned, served with vLLM as a ModelCar image. Quantized w4a16 builds for a single A100-80.',
  ),
  granite: family(
    'Granite-3.1-8B-Instruct',
    'granite-8b',
    'ibm-granite/granite-3.1-8b-instruct',
    'IBM',
    'apache-2.0',
    'https://www.apache.org/licenses/LICENSE-2.0',
    'IBM Granite 3.1 8B instruct model with a 128K context window.',
  ),
  llama: family(
    'Llama-3.1-8B-Instruct',
    'llama31-8b',
    'meta-llama/Llama-3.1-8B-Instruct',
    'Meta',
    'llama3.1',
    'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/blob/main/LICENSE',
    'Meta Llama 3.1 8B instruct (gated on Hugging Face: the download token needs an accepted licence).',
  ),
  qwen: family(
    'Qwen2.5-7B-Instruct',
    'qwen25-7b',
    'Qwen/Qwen2.5-7B-Instruct',
    'Alibaba Cloud',
    'apache-2.0',
    'https://huggingface.co/Qwen/Qwen2.5-7B-Instruct/blob/main/LICENSE',
    'Qwen2.5 7B instruct, multilingual, 32K context.',
  ),
} as const;

/** Accuracy (lm-eval, percent) and serving performance (guidellm) numbers. @public */
export interface EvaluationNumbers {
  lmEval: Record<string, number>;
  guidellm: Record<string, number>;
}

/** Measured numbers per served version, in the Model Catalog key vocabulary. @public */
export const evaluationNumbers: Record<string, EvaluationNumbers> = {
  mistralQuantized: {
    lmEval: {
      mmlu: 79.6,
      arc_challenge: 68.9,
      hellaswag: 84.1,
      gsm8k: 86.3,
      overall_average: 79.7,
    },
    guidellm: {
      ttft_mean: 182.4,
      ttft_p90: 241.7,
      itl_mean: 28.6,
      itl_p90: 34.9,
      tps_mean: 1268.3,
      e2e_p90: 7912.5,
      requests_per_second: 4.86,
    },
  },
  mistralQuantizedRerun: {
    lmEval: {
      mmlu: 79.4,
      arc_challenge: 69.2,
      hellaswag: 84.0,
      gsm8k: 85.9,
      overall_average: 79.6,
    },
    guidellm: {
      ttft_mean: 179.8,
      ttft_p90: 238.2,
      itl_mean: 28.9,
      itl_p90: 35.3,
      tps_mean: 1251.7,
      e2e_p90: 7980.1,
      requests_per_second: 4.79,
    },
  },
  mistralFp16: {
    lmEval: {
      mmlu: 81.2,
      arc_challenge: 70.4,
      hellaswag: 85.0,
      gsm8k: 88.1,
      overall_average: 81.2,
    },
    guidellm: {
      ttft_mean: 301.5,
      ttft_p90: 396.2,
      itl_mean: 47.9,
      itl_p90: 58.3,
      tps_mean: 702.4,
      e2e_p90: 13240.7,
      requests_per_second: 2.31,
    },
  },
  graniteQuantized: {
    lmEval: {
      mmlu: 63.2,
      arc_challenge: 58.4,
      hellaswag: 80.2,
      gsm8k: 71.9,
      overall_average: 68.4,
    },
    guidellm: {
      ttft_mean: 74.1,
      ttft_p90: 96.3,
      itl_mean: 11.2,
      itl_p90: 13.8,
      tps_mean: 2841.6,
      e2e_p90: 3120.4,
      requests_per_second: 11.37,
    },
  },
};
