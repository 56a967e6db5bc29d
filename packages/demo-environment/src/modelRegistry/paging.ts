import { registryErrors } from './RegistryError';
import { BaseEntity } from './types';

/** How a list is ordered and cut, from the query string. @public */
export interface ListQuery {
  pageSize: number;
  orderBy: 'ID' | 'CREATE_TIME' | 'LAST_UPDATE_TIME';
  sortOrder: 'ASC' | 'DESC';
  offset: number;
}

/** Page size when the client asks for none. */
export const DEFAULT_PAGE_SIZE = 100;

interface TokenState {
  o: ListQuery['orderBy'];
  s: ListQuery['sortOrder'];
  i: number;
}

/** Reads `pageSize`, `orderBy`, `sortOrder` and `nextPageToken` (400 on bad values). @public */
export function parseListQuery(query: URLSearchParams): ListQuery {
  const rawSize = query.get('pageSize');
  let pageSize = DEFAULT_PAGE_SIZE;
  if (rawSize !== null && rawSize !== '') {
    if (!/^[1-9][0-9]{0,8}$/.test(rawSize)) {
      throw registryErrors.badRequest(
        `invalid pageSize "${rawSize}": must be a positive integer`,
      );
    }
    pageSize = Number(rawSize);
  }
  const orderBy = (query.get('orderBy') || 'ID').toUpperCase();
  if (!['ID', 'CREATE_TIME', 'LAST_UPDATE_TIME'].includes(orderBy)) {
    throw registryErrors.badRequest(
      `invalid orderBy "${query.get(
        'orderBy',
      )}": use one of CREATE_TIME, LAST_UPDATE_TIME, ID`,
    );
  }
  const sortOrder = (query.get('sortOrder') || 'ASC').toUpperCase();
  if (sortOrder !== 'ASC' && sortOrder !== 'DESC') {
    throw registryErrors.badRequest(
      `invalid sortOrder "${query.get('sortOrder')}": use ASC or DESC`,
    );
  }
  let offset = 0;
  const token = query.get('nextPageToken');
  if (token) {
    let state: Partial<TokenState> | undefined;
    try {
      state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    } catch {
      state = undefined;
    }
    if (
      !state ||
      typeof state.i !== 'number' ||
      state.o !== orderBy ||
      state.s !== sortOrder
    ) {
      throw registryErrors.badRequest(
        'invalid nextPageToken: use the token of the previous page, with the same orderBy and sortOrder',
      );
    }
    offset = state.i;
  }
  return {
    pageSize,
    orderBy: orderBy as ListQuery['orderBy'],
    sortOrder: sortOrder as ListQuery['sortOrder'],
    offset,
  };
}

function sortKey(entity: BaseEntity, orderBy: ListQuery['orderBy']): number {
  switch (orderBy) {
    case 'CREATE_TIME':
      return Number(entity.createTimeSinceEpoch);
    case 'LAST_UPDATE_TIME':
      return Number(entity.lastUpdateTimeSinceEpoch);
    default:
      return Number(entity.id);
  }
}

/** The API's list body: `{items, nextPageToken, pageSize, size}`. @public */
export function pageOfEntities<T extends BaseEntity>(
  items: T[],
  query: ListQuery,
) {
  const direction = query.sortOrder === 'DESC' ? -1 : 1;
  const sorted = [...items].sort(
    (a, b) =>
      direction * (sortKey(a, query.orderBy) - sortKey(b, query.orderBy)) ||
      direction * (Number(a.id) - Number(b.id)),
  );
  const page = sorted.slice(query.offset, query.offset + query.pageSize);
  const next = query.offset + query.pageSize;
  const state: TokenState = { o: query.orderBy, s: query.sortOrder, i: next };
  return {
    items: page,
    nextPageToken:
      next < sorted.length
        ? Buffer.from(JSON.stringify(state), 'utf8').toString('base64url')
        : '',
    pageSize: query.pageSize,
    size: page.length,
  };
}
