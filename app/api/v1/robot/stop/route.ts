// POST /api/v1/robot/stop – the kill switch: stop one symbol's robot or all, closing their positions unless closePositions is false
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { stopRobots } from "@/lib/robot/executor";
import { robotStopSchema } from "@/lib/robot/schemas";

export const POST = withApi({ auth: "user", body: robotStopSchema }, async ({ auth, body }) =>
  ok(await stopRobots({ userId: auth.userId, symbol: body.symbol, closePositions: body.closePositions })),
);
