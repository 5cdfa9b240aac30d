// GET /api/v1/push/vapid-public-key – the applicationServerKey for pushManager.subscribe (null when push is off)
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getVapidPublicKey } from "@/lib/notifications/push";

export const GET = withApi({ auth: "user" }, async () => {
  const publicKey = getVapidPublicKey();
  return ok({ publicKey, isEnabled: publicKey !== null });
});
