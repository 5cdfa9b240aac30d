import type { z } from "zod";
import { isAppError, type ErrorCode, type ErrorDetail } from "@/lib/errors";

// What every server action returns to its form.
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string; details?: ErrorDetail[] } };

export function invalidInput(error: z.ZodError): ActionResult<never> {
  return {
    ok: false,
    error: {
      code: "VALIDATION_ERROR",
      message: error.issues[0]?.message ?? "Check the highlighted fields.",
      details: error.issues.map((issue) => ({ field: issue.path.map(String).join(".") || "(root)", message: issue.message })),
    },
  };
}

/** Expected errors become a result for the form; anything else is rethrown (Next logs it, the user sees the error page). */
export function toActionError(error: unknown): ActionResult<never> {
  if (isAppError(error)) {
    return { ok: false, error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
  }
  throw error;
}
