import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Authorizes a catalog-entity resource permission against every entity an object belongs to
 * (usually one: the model), so a policy's catalog conditions ("owners of this model may re-run")
 * decide. Throws a NotAllowedError naming the permission and the entity refused.
 */
export async function authorizeOnEntities(
  permissions: PermissionsService,
  permission: ResourcePermission<'catalog-entity'>,
  entities: Entity[],
  credentials: BackstageCredentials,
  what: string,
): Promise<void> {
  const refs = entities.map(e => stringifyEntityRef(e));
  const decisions = await permissions.authorize(
    refs.map(resourceRef => ({ permission, resourceRef })),
    { credentials },
  );
  const denied = refs.find(
    (_ref, i) => decisions[i].result !== AuthorizeResult.ALLOW,
  );
  if (denied !== undefined || refs.length === 0) {
    throw new NotAllowedError(
      `you may not ${what} of ${denied ?? 'this entity'} (permission ${
        permission.name
      })`,
    );
  }
}
