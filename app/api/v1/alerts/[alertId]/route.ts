// GET, PATCH, DELETE /api/v1/alerts/:id – read, edit or pause/resume (status), delete one of the caller's alerts
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { deleteAlert, getAlert, updateAlert } from "@/lib/alerts/queries";
import { alertParamsSchema, updateAlertSchema } from "@/lib/alerts/schemas";

export const GET = withApi({ auth: "user", params: alertParamsSchema }, async ({ auth, params }) =>
  ok(await getAlert({ userId: auth.userId, alertId: params.alertId })),
);

export const PATCH = withApi({ auth: "user", params: alertParamsSchema, body: updateAlertSchema }, async ({ auth, params, body }) =>
  ok(await updateAlert({ userId: auth.userId, alertId: params.alertId, input: body })),
);

export const DELETE = withApi({ auth: "user", params: alertParamsSchema }, async ({ auth, params }) => {
  await deleteAlert({ userId: auth.userId, alertId: params.alertId });
  return ok({ deleted: true });
});
