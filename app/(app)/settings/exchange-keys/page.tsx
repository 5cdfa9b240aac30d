import type { Metadata } from "next";

import { AddExchangeKeyForm, type ExchangeOption } from "@/components/exchanges/add-exchange-key-form";
import { ExchangeKeyGuidance } from "@/components/exchanges/exchange-key-guidance";
import { ExchangeKeysList } from "@/components/exchanges/exchange-keys-list";
import { isPathAvailable } from "@/components/layout/nav-items";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/guards";
import { listExchangeKeys } from "@/lib/exchanges/keys";
import { listSupportedExchanges } from "@/lib/exchanges/registry";

export const metadata: Metadata = { title: "Exchange keys" };

export default async function ExchangeKeysSettingsPage() {
  const auth = await requireUser();
  const keys = await listExchangeKeys({ userId: auth.userId });
  const exchanges: ExchangeOption[] = listSupportedExchanges().map((exchange) => ({
    id: exchange.id,
    name: exchange.name,
    needsPassphrase: exchange.credentials.includes("password"),
    hasSandbox: exchange.hasSandbox,
    apiKeyDocsUrl: exchange.apiKeyDocsUrl,
    isSimulated: !exchange.isCcxt,
    // Coinbase CDP secrets are PEM private keys spanning several lines.
    hasMultilineSecret: exchange.id === "coinbase",
  }));

  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Exchange keys</CardTitle>
          <CardDescription>
            API keys TradePulse uses to import your balances and trades. Test a key to check it still works; sync to
            update its portfolio.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ExchangeKeysList keys={keys} canLinkPortfolios={isPathAvailable("/portfolios")} />
        </CardContent>
      </Card>

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="lg:order-last">
          <ExchangeKeyGuidance />
        </div>
        <Card id="add-exchange-key" className="scroll-mt-20">
          <CardHeader>
            <CardTitle as="h2">Add a key</CardTitle>
            <CardDescription>
              The key is tested with the exchange before it is saved. Secrets are never shown again.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <AddExchangeKeyForm exchanges={exchanges} email={auth.email} isEmailVerified={auth.emailVerified} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
