import { registryErrors } from './RegistryError';
import { MetadataValue } from './types';

const VALUE_KEY: Record<MetadataValue['metadataType'], string> = {
  MetadataStringValue: 'string_value',
  MetadataIntValue: 'int_value',
  MetadataDoubleValue: 'double_value',
  MetadataBoolValue: 'bool_value',
  MetadataStructValue: 'struct_value',
  MetadataProtoValue: 'proto_value',
};

const INT32 = /^-?([1-9][0-9]{0,8}|0)$/;

function checkValue(
  key: string,
  type: MetadataValue['metadataType'],
  value: unknown,
): void {
  const ok =
    (type === 'MetadataStringValue' && typeof value === 'string') ||
    (type === 'MetadataIntValue' &&
      typeof value === 'string' &&
      INT32.test(value)) ||
    (type === 'MetadataDoubleValue' &&
      typeof value === 'number' &&
      Number.isFinite(value)) ||
    (type === 'MetadataBoolValue' && typeof value === 'boolean') ||
    ((type === 'MetadataStructValue' || type === 'MetadataProtoValue') &&
      typeof value === 'string' &&
      /^[A-Za-z0-9+/]*={0,2}$/.test(value));
  if (!ok) {
    throw registryErrors.badRequest(
      `json: cannot unmarshal customProperties["${key}"]: ${
        VALUE_KEY[type]
      } has the wrong type for ${type}${
        type === 'MetadataIntValue'
          ? ' (int_value is a string of an int32, e.g. "42")'
          : ''
      }`,
    );
  }
}

/**
 * Reads custom properties of a request body. Like the real server, a value whose typed key
 * is missing (e.g. camelCase `stringValue` instead of `string_value`) is accepted and stores
 * nothing; an unknown `metadataType` or a value of the wrong type is a 400.
 * @public
 */
export function parseCustomProperties(
  input: unknown,
): Record<string, MetadataValue> {
  if (input === undefined || input === null) {
    return {};
  }
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw registryErrors.badRequest(
      'customProperties must be an object of MetadataValue',
    );
  }
  const out: Record<string, MetadataValue> = {};
  for (const [key, raw] of Object.entries(input as Record<string, unknown>)) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      throw registryErrors.badRequest(
        `customProperties["${key}"] must be a MetadataValue object`,
      );
    }
    const value = raw as Record<string, unknown>;
    const type = value.metadataType as MetadataValue['metadataType'];
    if (!(type in VALUE_KEY)) {
      throw registryErrors.badRequest(
        `customProperties["${key}"]: unknown metadataType "${String(
          value.metadataType,
        )}"; use one of ${Object.keys(VALUE_KEY).join(', ')}`,
      );
    }
    const valueKey = VALUE_KEY[type];
    if (!(valueKey in value)) {
      continue;
    }
    checkValue(key, type, value[valueKey]);
    if (type === 'MetadataProtoValue') {
      out[key] = {
        metadataType: type,
        type: String(value.type ?? ''),
        proto_value: value.proto_value as string,
      };
    } else {
      out[key] = {
        metadataType: type,
        [valueKey]: value[valueKey],
      } as MetadataValue;
    }
  }
  return out;
}

/** Shorthands to write typed values. @public */
export const metadataValue = {
  string: (value: string): MetadataValue => ({
    metadataType: 'MetadataStringValue',
    string_value: value,
  }),
  int: (value: number): MetadataValue => ({
    metadataType: 'MetadataIntValue',
    int_value: String(Math.trunc(value)),
  }),
  double: (value: number): MetadataValue => ({
    metadataType: 'MetadataDoubleValue',
    double_value: value,
  }),
  bool: (value: boolean): MetadataValue => ({
    metadataType: 'MetadataBoolValue',
    bool_value: value,
  }),
};
