import type { createBackend } from '@backstage/backend-defaults';

/**
 * The plugins of the portal's backend, shared by the production entry point (`src/index.ts`)
 * and the development one (`dev/index.ts`, which adds the demo environment).
 */
export function addPortalPlugins(backend: ReturnType<typeof createBackend>) {
  backend.add(import('@backstage/plugin-app-backend'));
  backend.add(import('@backstage/plugin-proxy-backend'));

  // scaffolder plugin
  backend.add(import('@backstage/plugin-scaffolder-backend'));
  backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
  backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
  backend.add(import('@backstage/plugin-scaffolder-backend-module-gitea'));
  backend.add(
    import('@backstage/plugin-scaffolder-backend-module-notifications'),
  );

  // techdocs plugin
  backend.add(import('@backstage/plugin-techdocs-backend'));

  // auth plugin
  backend.add(import('@backstage/plugin-auth-backend'));
  // See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  // See https://backstage.io/docs/auth/guest/provider

  // catalog plugin
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(
    import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
  );

  // See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
  backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

  // permission plugin
  backend.add(import('@backstage/plugin-permission-backend'));
  // See https://backstage.io/docs/permissions/getting-started for how to create your own permission policy
  backend.add(
    import('@backstage/plugin-permission-backend-module-allow-all-policy'),
  );

  // search plugin
  backend.add(import('@backstage/plugin-search-backend'));

  // search engine
  // See https://backstage.io/docs/features/search/search-engines
  backend.add(import('@backstage/plugin-search-backend-module-pg'));

  // search collators
  backend.add(import('@backstage/plugin-search-backend-module-catalog'));
  backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

  // kubernetes plugin
  backend.add(import('@backstage/plugin-kubernetes-backend'));

  // user settings plugin
  backend.add(import('@backstage/plugin-user-settings-backend'));

  // events plugin: the event bus that carries events (and so signals) between replicas; on
  // PostgreSQL it keeps them in the database, so a signal published on one replica reaches
  // browsers connected to any other (SQLite: in memory, one replica).
  backend.add(import('@backstage/plugin-events-backend'));

  // notifications and signals plugins
  backend.add(import('@backstage/plugin-notifications-backend'));
  backend.add(import('@backstage/plugin-signals-backend'));

  // mcp actions plugin
  backend.add(import('@backstage/plugin-mcp-actions-backend'));

  // ModelOps: Tekton run history with diagnoses, logs, re-run and cancel
  backend.add(import('@private-ai/plugin-modelops-backend'));
  // ModelOps: template actions that validate, render and start ModelCar and evaluation pipelines
  backend.add(import('@private-ai/plugin-scaffolder-backend-module-modelops'));
  // ModelOps: models, versions and model servers from the Model Registry and KServe in the catalog
  backend.add(import('@private-ai/plugin-catalog-backend-module-modelops'));
}
