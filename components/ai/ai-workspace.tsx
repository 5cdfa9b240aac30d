"use client";

import * as React from "react";
import { Loader2, Sparkles } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import type { AiQuota, AnalysisSource, AnalysisView } from "@/lib/ai/schemas";

import { AnalysisCard } from "./analysis-card";
import { requestAnalysis, type ApiFailure } from "./api";
import { ChatPanel } from "./chat-panel";

type AiWorkspaceProps = {
  symbols: string[];
  initialSymbol: string;
  initialQuota: AiQuota;
  source: AnalysisSource;
  model: string | null;
};

function QuotaLine({ quota }: { quota: AiQuota }) {
  return (
    <p className="text-sm text-muted-foreground" data-testid="ai-quota">
      {quota.remaining} of {quota.limit} AI requests left today (resets 00:00 UTC). A repeat analysis within 5 minutes comes from the cache and is free.
    </p>
  );
}

export function AiWorkspace({ symbols, initialSymbol, initialQuota, source, model }: AiWorkspaceProps) {
  const [symbol, setSymbol] = React.useState(initialSymbol);
  const [analysis, setAnalysis] = React.useState<AnalysisView | null>(null);
  const [error, setError] = React.useState<ApiFailure | null>(null);
  const [pending, setPending] = React.useState(false);
  const [quota, setQuota] = React.useState(initialQuota);
  const controllerRef = React.useRef<AbortController | null>(null);

  React.useEffect(() => () => controllerRef.current?.abort(), []);

  async function analyze() {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setPending(true);
    setError(null);
    try {
      const result = await requestAnalysis(symbol, controller.signal);
      if (result.ok) {
        setAnalysis(result.data);
        setQuota(result.data.quota);
      } else {
        setError(result.error);
      }
    } catch {
      // aborted by a newer request or by leaving the page
    } finally {
      if (controllerRef.current === controller) setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardContent className="flex flex-col gap-4">
          <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
            <div className="flex flex-col gap-2">
              <Label htmlFor="ai-symbol">Pair</Label>
              <Select
                value={symbol}
                onValueChange={(value) => {
                  setSymbol(value);
                  setAnalysis(null);
                  setError(null);
                }}
              >
                <SelectTrigger id="ai-symbol" className="w-full sm:w-48" data-testid="ai-symbol">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {symbols.map((option) => (
                    <SelectItem key={option} value={option} data-testid={`ai-symbol-${option}`}>
                      {option}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
            <Button onClick={() => void analyze()} disabled={pending} data-testid="ai-analyze">
              {pending ? <Loader2 aria-hidden="true" className="animate-spin" /> : <Sparkles aria-hidden="true" />}
              {pending ? "Analyzing…" : `Analyze ${symbol}`}
            </Button>
          </div>
          <p className="text-sm text-muted-foreground" data-testid="ai-analyst-kind">
            {source === "offline"
              ? "No AI model is configured on this server: the offline analyst answers from the indicators with fixed rules."
              : `Answers come from ${model ?? "the configured model"}.`}
          </p>
          <QuotaLine quota={quota} />
        </CardContent>
      </Card>

      {error ? (
        <p role="alert" className="text-sm text-down" data-testid="ai-analyze-error" data-code={error.code}>
          {error.message}
          {error.retryAfterSeconds && error.code === "RATE_LIMITED" ? ` Try again in ${Math.max(1, Math.ceil(error.retryAfterSeconds / 60))} min.` : ""}
        </p>
      ) : null}

      <div className="grid items-start gap-6 xl:grid-cols-2">
        {pending && !analysis ? (
          <Card aria-busy="true">
            <CardContent className="flex flex-col gap-3">
              <Skeleton className="h-6 w-1/3" />
              <Skeleton className="h-20 w-full" />
              <Skeleton className="h-24 w-full" />
            </CardContent>
          </Card>
        ) : analysis ? (
          <AnalysisCard analysis={analysis} />
        ) : (
          <Card>
            <CardContent className="text-sm text-muted-foreground">
              Pick a pair and press Analyze for its trend, support and resistance, risks and a stance, with your own position taken into account.
            </CardContent>
          </Card>
        )}
        <ChatPanel symbol={symbol} onQuota={setQuota} />
      </div>
    </div>
  );
}
