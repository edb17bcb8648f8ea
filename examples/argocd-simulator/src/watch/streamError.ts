import { STATUS_CODES } from 'node:http';
import { GrpcCode } from '../errors';

/** grpc-gateway v1's `runtimeStreamError`, what a stream sends when it fails after its headers. */
export interface RuntimeStreamError {
  grpc_code: number;
  http_code: number;
  message: string;
  http_status: string;
}

/** The line a failing stream ends with: `{"error":{"grpc_code":14,"http_code":503,...}}`, as Unavailable. */
export function streamErrorLine(message: string): string {
  const httpCode = 503;
  const error: RuntimeStreamError = {
    grpc_code: GrpcCode.Unavailable,
    http_code: httpCode,
    message,
    http_status: STATUS_CODES[httpCode]!,
  };
  return `${JSON.stringify({ error })}\n`;
}
