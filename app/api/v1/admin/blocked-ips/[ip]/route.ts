// DELETE /api/v1/admin/blocked-ips/:ip – lift the block on an address (URL-encode IPv6 colons if your client needs it)
import { unblockIpAsAdmin } from "@/lib/admin/queries";
import { blockedIpParamsSchema } from "@/lib/admin/schemas";
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";

export const DELETE = withApi({ auth: "admin", params: blockedIpParamsSchema }, async ({ auth, params, ip, userAgent }) => {
  await unblockIpAsAdmin({ actor: { userId: auth.userId, ip, userAgent }, ip: params.ip });
  return ok({ ip: params.ip, unblocked: true });
});
