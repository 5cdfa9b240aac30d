// GET /api/v1/news – recent market news, newest first (?symbol=BTC-USDT for one pair)
import { withApi } from "@/lib/api/handler";
import { paginated } from "@/lib/api/respond";
import { listNews } from "@/lib/news/queries";
import { listNewsQuerySchema } from "@/lib/news/schemas";

export const GET = withApi({ auth: "user", query: listNewsQuerySchema }, async ({ query }) => {
  const { items, pagination } = await listNews(query);
  return paginated(items, pagination);
});
