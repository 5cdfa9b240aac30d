"use server";

import { revalidatePath } from "next/cache";
import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { requireUser } from "@/lib/auth/guards";
import { markNotificationsRead, updateNotificationPreferences } from "./queries";
import { markReadSchema, updatePreferencesSchema, type NotificationPreferenceView } from "./schemas";

export async function markNotificationsReadAction(input: unknown): Promise<ActionResult<{ updated: number; unreadCount: number }>> {
  const auth = await requireUser();
  const parsed = markReadSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const result = await markNotificationsRead({ userId: auth.userId, input: parsed.data });
    revalidatePath("/notifications");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error);
  }
}

export async function updateNotificationPreferencesAction(input: unknown): Promise<ActionResult<NotificationPreferenceView[]>> {
  const auth = await requireUser();
  const parsed = updatePreferencesSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const preferences = await updateNotificationPreferences({ userId: auth.userId, input: parsed.data });
    revalidatePath("/notifications");
    return { ok: true, data: preferences };
  } catch (error) {
    return toActionError(error);
  }
}
