// DELETE /api/v1/portfolios/:id/shares/:userId – revoke a user's access (owner or admin; anyone for themselves)
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { revokeShare } from "@/lib/portfolio/queries";
import { shareParams } from "../../../params";

export const DELETE = withApi({ auth: "user", params: shareParams }, async ({ auth, params }) => {
  await revokeShare({ userId: auth.userId, portfolioId: params.portfolioId, targetUserId: params.userId });
  return ok({ revoked: true });
});
