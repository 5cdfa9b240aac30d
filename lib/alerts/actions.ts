"use server";

import { revalidatePath } from "next/cache";
import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { requireUser } from "@/lib/auth/guards";
import { createAlert, deleteAlert, updateAlert } from "./queries";
import { alertParamsSchema, createAlertSchema, updateAlertSchema, type AlertView } from "./schemas";

export async function createAlertAction(input: unknown): Promise<ActionResult<AlertView>> {
  const auth = await requireUser();
  const parsed = createAlertSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const alert = await createAlert({ userId: auth.userId, tier: auth.tier, input: parsed.data });
    revalidatePath("/alerts");
    return { ok: true, data: alert };
  } catch (error) {
    return toActionError(error);
  }
}

export async function updateAlertAction(alertId: unknown, input: unknown): Promise<ActionResult<AlertView>> {
  const auth = await requireUser();
  const params = alertParamsSchema.safeParse({ alertId });
  if (!params.success) return invalidInput(params.error);
  const parsed = updateAlertSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const alert = await updateAlert({ userId: auth.userId, alertId: params.data.alertId, input: parsed.data });
    revalidatePath("/alerts");
    return { ok: true, data: alert };
  } catch (error) {
    return toActionError(error);
  }
}

export async function deleteAlertAction(alertId: unknown): Promise<ActionResult<undefined>> {
  const auth = await requireUser();
  const params = alertParamsSchema.safeParse({ alertId });
  if (!params.success) return invalidInput(params.error);
  try {
    await deleteAlert({ userId: auth.userId, alertId: params.data.alertId });
    revalidatePath("/alerts");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}
