// GET, POST /api/v1/alerts – the caller's alerts (paginated, ?status=&symbol=); create one
import { created, paginated } from "@/lib/api/respond";
import { withApi } from "@/lib/api/handler";
import { createAlert, listAlerts } from "@/lib/alerts/queries";
import { createAlertSchema, listAlertsQuerySchema } from "@/lib/alerts/schemas";

export const GET = withApi({ auth: "user", query: listAlertsQuerySchema }, async ({ auth, query }) => {
  const { items, pagination } = await listAlerts({ userId: auth.userId, query });
  return paginated(items, pagination);
});

export const POST = withApi({ auth: "user", body: createAlertSchema }, async ({ auth, body }) =>
  created(await createAlert({ userId: auth.userId, tier: auth.tier, input: body })),
);
