// One error type and one code → status table for the whole app (API.md).

export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  MFA_REQUIRED: 401,
  INVALID_MFA_CODE: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_REUSED: 401,
  INVALID_TOKEN: 401,
  FORBIDDEN: 403,
  TIER_REQUIRED: 403,
  EMAIL_NOT_VERIFIED: 403,
  IP_BLOCKED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  INSUFFICIENT_HOLDINGS: 422,
  EXCHANGE_AUTH_FAILED: 422,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UPSTREAM_UNAVAILABLE: 502,
  EXCHANGE_UNAVAILABLE: 502,
  AI_UPSTREAM_ERROR: 502,
  SERVICE_UNAVAILABLE: 503,
  UPSTREAM_TIMEOUT: 504,
  EXCHANGE_TIMEOUT: 504,
  AI_TIMEOUT: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type ErrorDetail = { field: string; message: string };

const DEFAULT_MESSAGE: Partial<Record<ErrorCode, string>> = {
  VALIDATION_ERROR: "The request is invalid.",
  UNAUTHENTICATED: "Sign in to continue.",
  FORBIDDEN: "You are not allowed to do this.",
  NOT_FOUND: "Not found.",
  CONFLICT: "The request conflicts with the current state.",
  RATE_LIMITED: "Too many requests. Try again later.",
  INTERNAL: "Something went wrong on our side.",
  UPSTREAM_UNAVAILABLE: "An upstream service is unavailable.",
  UPSTREAM_TIMEOUT: "An upstream service did not answer in time.",
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: ErrorDetail[];
  /** Extra response headers, e.g. Retry-After. */
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    message?: string,
    options: { cause?: unknown; details?: ErrorDetail[]; headers?: Record<string, string> } = {},
  ) {
    super(message ?? DEFAULT_MESSAGE[code] ?? code, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = options.details;
    this.headers = options.headers;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
