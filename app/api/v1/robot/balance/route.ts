// GET /api/v1/robot/balance – paper wallets with equity, and the exchange balances of live robots' keys
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getRobotBalance } from "@/lib/robot/balance";

export const GET = withApi({ auth: "user" }, async ({ auth }) => ok(await getRobotBalance({ userId: auth.userId })));
