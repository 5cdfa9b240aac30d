"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { requireUser } from "@/lib/auth/guards";
import { assertEmailVerified } from "@/lib/auth/sessions";
import { createExchangeKey, deleteExchangeKey, testExchangeKey, type ExchangeKeyView, type KeyTestResult } from "./keys";
import { createExchangeKeySchema } from "./schemas";
import { syncExchangeKey, type SyncResult } from "./sync";

const keyIdSchema = z.object({ keyId: z.uuid() });

export async function addExchangeKeyAction(input: unknown): Promise<ActionResult<ExchangeKeyView>> {
  const auth = await requireUser();
  const parsed = createExchangeKeySchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    assertEmailVerified(auth);
    const key = await createExchangeKey({ userId: auth.userId, input: parsed.data });
    revalidatePath("/settings/exchange-keys");
    return { ok: true, data: key };
  } catch (error) {
    return toActionError(error);
  }
}

export async function testExchangeKeyAction(input: unknown): Promise<ActionResult<KeyTestResult>> {
  const auth = await requireUser();
  const parsed = keyIdSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const result = await testExchangeKey({ userId: auth.userId, keyId: parsed.data.keyId });
    revalidatePath("/settings/exchange-keys");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error);
  }
}

export async function syncExchangeKeyAction(input: unknown): Promise<ActionResult<SyncResult>> {
  const auth = await requireUser();
  const parsed = keyIdSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const result = await syncExchangeKey({ userId: auth.userId, keyId: parsed.data.keyId });
    revalidatePath("/settings/exchange-keys");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error);
  }
}

export async function deleteExchangeKeyAction(input: unknown): Promise<ActionResult<undefined>> {
  const auth = await requireUser();
  const parsed = keyIdSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await deleteExchangeKey({ userId: auth.userId, keyId: parsed.data.keyId });
    revalidatePath("/settings/exchange-keys");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}
