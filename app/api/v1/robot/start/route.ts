// POST /api/v1/robot/start – start one symbol's robot ({symbol}) or all of the caller's robots
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { startRobots } from "@/lib/robot/config";
import { robotStartSchema } from "@/lib/robot/schemas";

export const POST = withApi({ auth: "user", body: robotStartSchema }, async ({ auth, body }) =>
  ok(await startRobots({ userId: auth.userId, tier: auth.tier, symbol: body.symbol })),
);
