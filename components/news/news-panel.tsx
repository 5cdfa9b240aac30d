import Link from "next/link";
import { ExternalLink, Newspaper } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { NewsView } from "@/lib/news/schemas";

// Times are printed in UTC by hand so the server's and the browser's output always match.
function formatPublished(iso: string): string {
  const date = new Date(iso);
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
}

/** Recent news, optionally about one pair; sample items are labelled and not linked out. */
export function NewsPanel({ items, title = "News", description, emptyText = "No news yet.", testId = "news-panel" }: { items: readonly NewsView[]; title?: string; description?: string; emptyText?: string; testId?: string }) {
  const hasSample = items.some((item) => item.isSample);
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle as="h2" className="flex items-center gap-2">
          <Newspaper className="size-4" aria-hidden="true" />
          {title}
        </CardTitle>
        <CardDescription>
          {description ?? "Headlines from the configured feeds, tagged with the pairs they mention."}
          {hasSample ? " These are sample headlines: set NEWS_FEEDS to show real ones." : ""}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {items.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid={`${testId}-empty`}>
            {emptyText}
          </p>
        ) : (
          <ul className="flex flex-col divide-y">
            {items.map((item) => (
              <li key={item.id} className="flex flex-col gap-1 py-3 first:pt-0 last:pb-0" data-testid="news-item">
                <div className="flex items-start justify-between gap-2">
                  {item.isSample ? (
                    <span className="font-medium leading-snug">{item.title}</span>
                  ) : (
                    <a href={item.url} target="_blank" rel="noopener noreferrer nofollow" className="group font-medium leading-snug hover:underline">
                      {item.title}
                      <ExternalLink className="ml-1 inline size-3 text-muted-foreground" aria-label="opens in a new tab" />
                    </a>
                  )}
                  {item.isSample ? (
                    <Badge variant="outline" className="shrink-0" data-testid="news-sample-badge">
                      sample
                    </Badge>
                  ) : null}
                </div>
                {item.summary ? <p className="line-clamp-2 text-sm text-muted-foreground">{item.summary}</p> : null}
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
                  <span>{item.source}</span>
                  <span aria-hidden="true">·</span>
                  <time dateTime={item.publishedAt}>{formatPublished(item.publishedAt)}</time>
                  {item.symbols.map((symbol) => (
                    <Link key={symbol} href={`/markets/${symbol}`} className="rounded border px-1.5 py-0.5 font-medium text-foreground hover:bg-muted">
                      {symbol.split("-")[0]}
                    </Link>
                  ))}
                </div>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
