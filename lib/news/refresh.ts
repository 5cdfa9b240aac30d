import "server-only";
import Parser from "rss-parser";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { listTrackedSymbols } from "@/lib/market/quotes";
import { normalizeFeedItems, sourceName, type NewsDraft, type RawFeedItem } from "./normalize";
import { countSampleNews, deleteSampleNews, insertNewsItems, pruneNews } from "./queries";
import { buildSampleNews } from "./sample";
import { createSymbolTagger, type SymbolTagger } from "./tagging";

// The news refresh (a scheduled job, every 10 minutes): fetch each RSS/Atom feed of NEWS_FEEDS, tag
// the items with the tracked symbols they mention, store the new ones, keep a bounded history.
// A feed that fails is logged and skipped; what it delivered before stays. Without feeds, the
// built-in sample is stored once and shown instead; once a real feed answers, the sample goes.

export const MAX_NEWS_ITEMS = 1_000;
export const MAX_NEWS_AGE_DAYS = 30;
const FEED_TIMEOUT_MS = 10_000;
const MAX_FEED_BYTES = 5 * 1024 * 1024;

export type FeedOutcome = { url: string; ok: boolean; items: number; error?: string };
export type NewsRefreshResult = { feeds: FeedOutcome[]; inserted: number; pruned: number; isSample: boolean };

const parser = new Parser();

async function readFeed(url: string, timeoutMs: number): Promise<{ title?: string; items: RawFeedItem[] }> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(timeoutMs),
    headers: { accept: "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5", "user-agent": "TradePulse news reader" },
    redirect: "follow",
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > MAX_FEED_BYTES) throw new Error(`feed larger than ${MAX_FEED_BYTES} bytes`);
  const text = await response.text();
  if (text.length > MAX_FEED_BYTES) throw new Error(`feed larger than ${MAX_FEED_BYTES} bytes`);
  const feed = await parser.parseString(text);
  return { title: feed.title, items: feed.items as RawFeedItem[] };
}

function trackedTagger(): SymbolTagger {
  return createSymbolTagger(listTrackedSymbols().map((market) => ({ symbol: market.symbol, base: market.base })));
}

export async function refreshNews({
  feeds = env.newsFeeds,
  now = new Date(),
  tagSymbols = trackedTagger(),
  timeoutMs = FEED_TIMEOUT_MS,
}: { feeds?: readonly string[]; now?: Date; tagSymbols?: SymbolTagger; timeoutMs?: number } = {}): Promise<NewsRefreshResult> {
  const cutoff = new Date(now.getTime() - MAX_NEWS_AGE_DAYS * 86_400_000);
  if (feeds.length === 0) {
    // The sample is stored once, so its times read as "recent" relative to the first start.
    const inserted = (await countSampleNews()) === 0 ? await insertNewsItems(buildSampleNews(now, tagSymbols)) : 0;
    return { feeds: [], inserted, pruned: await pruneNews({ maxItems: MAX_NEWS_ITEMS, cutoff }), isSample: true };
  }

  const outcomes = await Promise.all(
    feeds.map(async (url): Promise<{ outcome: FeedOutcome; drafts: NewsDraft[] }> => {
      try {
        const feed = await readFeed(url, timeoutMs);
        const drafts = normalizeFeedItems({ items: feed.items, source: sourceName(feed.title, url), feedUrl: url, now, tagSymbols }).filter((draft) => draft.publishedAt >= cutoff);
        return { outcome: { url, ok: true, items: drafts.length }, drafts };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        logger.warn({ feed: url, err: error }, "news: feed could not be read; keeping its earlier items");
        return { outcome: { url, ok: false, items: 0, error: message.slice(0, 200) }, drafts: [] };
      }
    }),
  );

  // The same story in two feeds is one item: the first feed listed wins.
  const seen = new Set<string>();
  const drafts = outcomes.flatMap((result) => result.drafts).filter((draft) => !seen.has(draft.dedupeKey) && Boolean(seen.add(draft.dedupeKey)));
  if (outcomes.some((result) => result.outcome.ok)) await deleteSampleNews();
  const inserted = await insertNewsItems(drafts);
  const pruned = await pruneNews({ maxItems: MAX_NEWS_ITEMS, cutoff });
  return { feeds: outcomes.map((result) => result.outcome), inserted, pruned, isSample: false };
}
