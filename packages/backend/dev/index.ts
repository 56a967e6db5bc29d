import { createBackend } from '@backstage/backend-defaults';
import { addPortalPlugins } from '../src/portalPlugins';

// The development backend: the portal's plugins plus the demo environment (a loopback
// Kubernetes API and Model Registry), which starts when `demoEnvironment.enabled` is set
// (app-config.demo.yaml). Started by `yarn start:demo`; never built into the production image.
const backend = createBackend();
addPortalPlugins(backend);
backend.add(import('@private-ai/demo-environment'));
backend.start();
