// POST /api/v1/tools/liquidation – liquidation price, margins and fees of a USDⓈ-M perpetual position
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { estimateLiquidation } from "@/lib/signals/liquidation-tool";
import { liquidationInputSchema } from "@/lib/signals/schemas";

export const POST = withApi({ auth: "user", body: liquidationInputSchema }, async ({ body }) => ok(estimateLiquidation(body)));
