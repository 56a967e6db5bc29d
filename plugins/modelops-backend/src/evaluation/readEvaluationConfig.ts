import { RootConfigService } from '@backstage/backend-plugin-api';
import {
  ModelRegistryClient,
  readRegistryConfigs,
} from '@private-ai/plugin-modelops-node';

/** Thresholds of one registered model, as configured. */
export interface ConfiguredThresholds {
  /** Registered model name, exactly as in the registry. */
  model: string;
  /** e.g. `mmlu>=75, ttft_p90<=300`. */
  criteria: string;
}

/** What the evaluation routes read from config. */
export interface EvaluationConfig {
  /** Registry clients by the id the catalog module writes in `modelops.io/registry`. */
  registries: Map<string, ModelRegistryClient>;
  thresholds: ConfiguredThresholds[];
  defaultThresholds?: string;
}

/**
 * Registries are configured once, for the catalog module (`catalog.providers.modelops.<id>`);
 * the entities it writes name that id. `modelops.registry` is used for entities of any other
 * registry id (and by the run collector's registration check).
 */
export function readEvaluationConfig(
  config: RootConfigService,
): EvaluationConfig {
  const { providers, fallback } = readRegistryConfigs(config);
  const registries = new Map<string, ModelRegistryClient>(
    providers.map(r => [r.id, r.client]),
  );
  if (fallback) registries.set('*', fallback.client);
  const evaluation = config.getOptionalConfig('modelops.evaluation');
  return {
    registries,
    thresholds: (evaluation?.getOptionalConfigArray('thresholds') ?? []).map(
      t => ({ model: t.getString('model'), criteria: t.getString('criteria') }),
    ),
    defaultThresholds: evaluation?.getOptionalString('defaultThresholds'),
  };
}
