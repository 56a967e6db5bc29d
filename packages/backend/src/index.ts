import { createBackend } from '@backstage/backend-defaults';
import { addPortalPlugins } from './portalPlugins';

// The production backend. The demo environment is not part of it: `yarn start:demo`
// (./scripts/start, the end-to-end tests) runs dev/index.ts instead.
const backend = createBackend();
addPortalPlugins(backend);
backend.start();
