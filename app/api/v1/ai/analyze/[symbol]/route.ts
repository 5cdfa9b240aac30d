// POST /api/v1/ai/analyze/:symbol – the AI analyst's structured read of a pair (pro and above)
import { analyzeSymbol } from "@/lib/ai/analyze";
import { symbolParamsSchema } from "@/lib/ai/schemas";
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";

export const POST = withApi({ auth: "user", params: symbolParamsSchema }, async ({ auth, params, req }) =>
  ok(await analyzeSymbol({ auth, symbol: params.symbol, signal: req.signal })),
);
