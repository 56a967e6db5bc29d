import { RegistryErrorBody } from './types';

/** An error the fake registry answers with the API's `{code, message}` body. @public */
export class RegistryError extends Error {
  constructor(readonly httpStatus: number, message: string) {
    super(message);
    this.name = 'RegistryError';
  }

  /** The response body. */
  body(): RegistryErrorBody {
    return { code: String(this.httpStatus), message: this.message };
  }
}

/** @public */
export const registryErrors = {
  badRequest: (message: string) => new RegistryError(400, message),
  unauthorized: () =>
    new RegistryError(401, 'Unauthorized: a valid bearer token is required'),
  notFound: (message: string) => new RegistryError(404, message),
  conflict: (message: string) => new RegistryError(409, message),
  unprocessable: (message: string) => new RegistryError(422, message),
};
