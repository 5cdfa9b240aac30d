// GET, POST /api/v1/admin/blocked-ips – the blocked client addresses (active, expired or all); block one
import { blockIpAsAdmin, listBlockedIps } from "@/lib/admin/queries";
import { blockIpSchema, listBlockedIpsQuerySchema } from "@/lib/admin/schemas";
import { withApi } from "@/lib/api/handler";
import { created, paginated } from "@/lib/api/respond";

export const GET = withApi({ auth: "admin", query: listBlockedIpsQuerySchema }, async ({ query }) => {
  const { items, pagination } = await listBlockedIps(query);
  return paginated(items, pagination);
});

export const POST = withApi({ auth: "admin", body: blockIpSchema }, async ({ auth, body, ip, userAgent }) =>
  created(await blockIpAsAdmin({ actor: { userId: auth.userId, ip, userAgent }, input: body })),
);
