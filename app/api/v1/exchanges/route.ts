// GET /api/v1/exchanges – supported exchanges and the credentials each needs
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { listSupportedExchanges } from "@/lib/exchanges/registry";

export const GET = withApi({ auth: "user" }, () =>
  ok(
    listSupportedExchanges().map((exchange) => ({
      id: exchange.id,
      name: exchange.name,
      credentials: exchange.credentials.map((field) => (field === "secret" ? "apiSecret" : field === "password" ? "passphrase" : field)),
      hasTestnet: exchange.hasSandbox,
      reportsKeyPermissions: exchange.reportsKeyPermissions,
      apiKeyDocsUrl: exchange.apiKeyDocsUrl,
      isSimulated: !exchange.isCcxt,
    })),
  ),
);
