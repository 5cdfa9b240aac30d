import type { FieldPath, FieldValues, UseFormSetError } from "react-hook-form";

import type { ActionResult } from "@/lib/action-result";

type ActionError = Extract<ActionResult<unknown>, { ok: false }>["error"];

/**
 * Puts the server's per-field messages under their inputs. Returns the message for the form-level
 * alert, or null when every detail landed on a visible field.
 */
export function applyServerErrors<T extends FieldValues>(
  error: ActionError,
  setError: UseFormSetError<T>,
  fields: readonly FieldPath<T>[],
): string | null {
  const placed = new Set<string>();
  for (const detail of error.details ?? []) {
    const field = fields.find((name) => name === detail.field);
    if (!field || placed.has(field)) continue;
    placed.add(field);
    setError(field, { type: "server", message: detail.message });
  }
  const isAllPlaced = (error.details ?? []).every((detail) => fields.includes(detail.field as FieldPath<T>));
  return placed.size > 0 && isAllPlaced ? null : error.message;
}
