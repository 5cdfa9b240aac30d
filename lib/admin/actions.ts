"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { getRequestMeta, requireAdmin } from "@/lib/auth/guards";
import { blockIpAsAdmin, unblockIpAsAdmin, updateUserAsAdmin, type AdminActor, type AdminUserView, type BlockedIpView } from "./queries";
import { blockedIpParamsSchema, blockIpSchema, updateUserSchema } from "./schemas";

// Every action checks the role itself: the admin layout does not re-run on client navigation.
async function actor(): Promise<AdminActor> {
  const auth = await requireAdmin();
  const meta = await getRequestMeta();
  return { userId: auth.userId, ip: meta.ip, userAgent: meta.userAgent };
}

async function run<T>(work: () => Promise<T>, paths: string[]): Promise<ActionResult<T>> {
  try {
    const data = await work();
    for (const path of ["/admin", ...paths]) revalidatePath(path);
    return { ok: true, data };
  } catch (error) {
    return toActionError(error);
  }
}

export async function updateUserAction(input: unknown): Promise<ActionResult<AdminUserView>> {
  const who = await actor();
  const parsed = z.object({ userId: z.uuid(), changes: updateUserSchema }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return run(() => updateUserAsAdmin({ actor: who, userId: parsed.data.userId, input: parsed.data.changes }), ["/admin/users", "/admin/audit"]);
}

export async function blockIpAction(input: unknown): Promise<ActionResult<BlockedIpView>> {
  const who = await actor();
  const parsed = blockIpSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return run(() => blockIpAsAdmin({ actor: who, input: parsed.data }), ["/admin/blocked-ips", "/admin/audit"]);
}

export async function unblockIpAction(input: unknown): Promise<ActionResult<undefined>> {
  const who = await actor();
  const parsed = blockedIpParamsSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return run(async () => {
    await unblockIpAsAdmin({ actor: who, ip: parsed.data.ip });
    return undefined;
  }, ["/admin/blocked-ips", "/admin/audit"]);
}
