// GET /api/v1/ai/usage – today's AI quota of the caller and which analyst answers (model or offline)
import { getAiUsage } from "@/lib/ai/usage";
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";

export const GET = withApi({ auth: "user" }, async ({ auth }) => ok(await getAiUsage(auth)));
