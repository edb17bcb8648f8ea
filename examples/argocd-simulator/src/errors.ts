import { STATUS_CODES } from 'node:http';

/** The gRPC status codes Argo CD's API server answers with (google.golang.org/grpc/codes). */
export const GrpcCode = {
  Canceled: 1,
  Unknown: 2,
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  FailedPrecondition: 9,
  Aborted: 10,
  Unimplemented: 12,
  Internal: 13,
  Unavailable: 14,
  Unauthenticated: 16,
} as const;

// grpc-gateway's mapping (runtime.HTTPStatusFromCode); Argo CD's REST API is grpc-gateway in front of gRPC.
const httpStatusByCode: Record<number, number> = {
  1: 499,
  2: 500,
  3: 400,
  4: 504,
  5: 404,
  6: 409,
  7: 403,
  8: 429,
  9: 400,
  10: 409,
  11: 400,
  12: 501,
  13: 500,
  14: 503,
  15: 500,
  16: 401,
};

const codeByHttpStatus: Record<number, number> = {
  400: GrpcCode.InvalidArgument,
  401: GrpcCode.Unauthenticated,
  403: GrpcCode.PermissionDenied,
  404: GrpcCode.NotFound,
  409: GrpcCode.Aborted,
  429: GrpcCode.ResourceExhausted,
  499: GrpcCode.Canceled,
  501: GrpcCode.Unimplemented,
  503: GrpcCode.Unavailable,
  504: GrpcCode.DeadlineExceeded,
};

/** Argo CD's `runtimeError` body: grpc-gateway repeats the message in `error` and `message`. */
export interface RuntimeError {
  error: string;
  code: number;
  message: string;
}

/** An API answer that is an Argo CD error; handlers throw it, the router serializes it. */
export class ApiError extends Error {
  readonly code: number;
  readonly status: number;

  constructor(code: number, message: string) {
    super(message);
    this.code = code;
    this.status = httpStatusByCode[code] ?? 500;
  }

  get body(): RuntimeError {
    return { error: this.message, code: this.code, message: this.message };
  }
}

/** An error body for an arbitrary HTTP status, e.g. one injected by a fault. */
export function runtimeErrorForStatus(status: number): RuntimeError {
  const code = codeByHttpStatus[status] ?? GrpcCode.Unknown;
  const message = `simulated fault: ${
    STATUS_CODES[status] ?? `HTTP ${status}`
  }`;
  return { error: message, code, message };
}

/** `applications.argoproj.io "x" not found`, the Kubernetes NotFound text Argo CD passes on. */
export function appNotFound(name: string): ApiError {
  return new ApiError(
    GrpcCode.NotFound,
    `applications.argoproj.io "${name}" not found`,
  );
}

export function permissionDenied(): ApiError {
  return new ApiError(GrpcCode.PermissionDenied, 'permission denied');
}
