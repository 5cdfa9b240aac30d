// GET /api/v1/signals/stats – the track record over every closed signal (definitions in the answer)
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getSignalStats } from "@/lib/signals/queries";
import { signalStatsQuerySchema } from "@/lib/signals/schemas";

export const GET = withApi({ auth: "user", query: signalStatsQuerySchema }, async ({ query }) => ok(await getSignalStats(query)));
