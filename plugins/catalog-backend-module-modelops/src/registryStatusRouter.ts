import Router from 'express-promise-router';
import { ModelRegistryEntityProvider } from './ModelRegistryEntityProvider';
import { RegistryStatusBoard } from './RegistryStatusBoard';

/**
 * `GET /modelops-registries` (under the catalog plugin, `/api/catalog/modelops-registries`):
 * the outcome of each registry's last refresh, so that a failing registry is visible although
 * its entities stay as they were. The model page's warnings card reads it.
 */
export function createRegistryStatusRouter(
  providers: ModelRegistryEntityProvider[],
  board: RegistryStatusBoard,
) {
  const router = Router();
  router.get('/modelops-registries', (_request, response) => {
    response.json({ items: board.list(providers.map(p => p.status)) });
  });
  return router;
}
