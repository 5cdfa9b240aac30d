import { ShieldCheck } from "lucide-react";

import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

export function ExchangeKeyGuidance() {
  return (
    <Card className="gap-4 bg-muted/40" data-testid="exchange-key-guidance">
      <CardHeader>
        <CardTitle as="h2" className="flex items-center gap-2">
          <ShieldCheck className="size-5 text-up" aria-hidden="true" />
          Before you create a key
        </CardTitle>
      </CardHeader>
      <CardContent>
        <ul className="flex list-disc flex-col gap-2 pl-5 text-sm text-muted-foreground">
          <li>
            Give the key <strong className="text-foreground">read-only</strong> permission (add trading only if the
            robot should place orders). <strong className="text-foreground">Never enable withdrawals</strong>:
            TradePulse never needs them.
          </li>
          <li>Restrict the key to the public IP address of the server TradePulse runs on.</li>
          <li>
            The key is tested live with the exchange before it is stored. It is stored encrypted (AES-256-GCM) and
            never shown again, only in a masked form.
          </li>
          <li>
            To try everything offline, pick <strong className="text-foreground">Demo (simulated)</strong>: it accepts
            any API key starting with <code className="rounded bg-muted px-1 font-mono text-xs">demo-</code>.
          </li>
        </ul>
      </CardContent>
    </Card>
  );
}
