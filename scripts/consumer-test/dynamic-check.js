/*
 * A plain backend (catalog and scaffolder, nothing of ModelOps installed) that loads the
 * exported dynamic plugins from `dynamicPlugins.rootDirectory` through
 * @backstage/backend-dynamic-feature-service, as Red Hat Developer Hub does. Copied into the
 * consumer portal's backend package and run there by run.sh, which reads its log.
 */
const { createBackend } = require('@backstage/backend-defaults');
const {
  dynamicPluginsFeatureLoader,
} = require('@backstage/backend-dynamic-feature-service');

const backend = createBackend();
backend.add(dynamicPluginsFeatureLoader);
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.start();
