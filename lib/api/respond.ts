import type { ErrorCode, ErrorDetail } from "@/lib/errors";

export type Pagination = { page: number; limit: number; total: number; totalPages: number; hasMore: boolean };
export type Meta = { timestamp: string; requestId: string };
export type SuccessEnvelope<T> = { success: true; data: T; meta: Meta; pagination?: Pagination };
export type ErrorEnvelope = {
  success: false;
  error: { code: ErrorCode; message: string; details?: ErrorDetail[] };
  meta: Meta;
};

/** What a handler returns; withApi wraps it in the envelope. */
export type ApiResult<T = unknown> = {
  readonly __apiResult: true;
  data: T;
  status: number;
  pagination?: Pagination;
  headers?: Record<string, string>;
};

export function ok<T>(data: T, options: { status?: number; headers?: Record<string, string> } = {}): ApiResult<T> {
  return { __apiResult: true, data, status: options.status ?? 200, headers: options.headers };
}

export function created<T>(data: T): ApiResult<T> {
  return ok(data, { status: 201 });
}

export function accepted<T>(data: T): ApiResult<T> {
  return ok(data, { status: 202 });
}

export function paginated<T>(items: T[], pagination: Pagination): ApiResult<T[]> {
  return { __apiResult: true, data: items, status: 200, pagination };
}

export function isApiResult(value: unknown): value is ApiResult {
  return typeof value === "object" && value !== null && (value as ApiResult).__apiResult === true;
}

export function meta(requestId: string, now = new Date()): Meta {
  return { timestamp: now.toISOString(), requestId };
}

export function successBody<T>(result: ApiResult<T>, requestId: string): SuccessEnvelope<T> {
  const body: SuccessEnvelope<T> = { success: true, data: result.data, meta: meta(requestId) };
  if (result.pagination) body.pagination = result.pagination;
  return body;
}

export function errorBody(
  code: ErrorCode,
  message: string,
  requestId: string,
  details?: ErrorDetail[],
): ErrorEnvelope {
  return { success: false, error: { code, message, ...(details?.length ? { details } : {}) }, meta: meta(requestId) };
}
