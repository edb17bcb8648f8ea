import { ApiError, GrpcCode } from '../errors';

/**
 * Reading a JSON request body as grpc-gateway does before Argo CD sees it: an empty body is an empty message,
 * malformed JSON or a field of the wrong JSON type is InvalidArgument (400).
 */

export type RequestBody = Record<string, unknown>;

const invalid = (message: string) =>
  new ApiError(GrpcCode.InvalidArgument, message);

export function parseJsonBody(raw: string): RequestBody {
  let body: unknown;
  try {
    // A JSON null decodes to the empty message, as an empty body does.
    body = (raw.trim() ? JSON.parse(raw) : null) ?? {};
  } catch {
    throw invalid('invalid character in request body: not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid(`json: cannot unmarshal ${jsonType(body)} into Go value`);
  }
  return body as RequestBody;
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}

function mismatch(key: string, value: unknown, goType: string): ApiError {
  return invalid(
    `json: cannot unmarshal ${jsonType(
      value,
    )} into Go value of type ${goType} (field ${key})`,
  );
}

export function stringField(
  body: RequestBody,
  key: string,
): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw mismatch(key, value, 'string');
  return value;
}

export function booleanField(body: RequestBody, key: string): boolean {
  const value = body[key];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw mismatch(key, value, 'bool');
  return value;
}

/** An int64 field: protobuf's JSON mapping also accepts it as a decimal string. */
export function int64Field(body: RequestBody, key: string): number {
  const value = body[key];
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  throw mismatch(key, value, 'int64');
}
