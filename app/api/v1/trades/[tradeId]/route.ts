// GET /api/v1/trades/:id – one trade of the caller
// PATCH /api/v1/trades/:id – close a manual trade with its exit price, or edit notes, tags, fees
import { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getTradeOrThrow, updateTrade } from "@/lib/robot/journal";
import { updateTradeSchema } from "@/lib/robot/schemas";

const params = z.object({ tradeId: z.uuid({ error: "Not a trade id." }) });

export const GET = withApi({ auth: "user", params }, async ({ auth, params }) => ok(await getTradeOrThrow({ userId: auth.userId, tradeId: params.tradeId })));

export const PATCH = withApi({ auth: "user", params, body: updateTradeSchema }, async ({ auth, params, body }) =>
  ok(await updateTrade({ userId: auth.userId, tradeId: params.tradeId, input: body })),
);
