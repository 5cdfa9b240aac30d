// Feed items → rows of news_items. Pure.
import type { SymbolTagger } from "./tagging";

export type RawFeedItem = {
  title?: string;
  link?: string;
  guid?: string;
  id?: string;
  isoDate?: string;
  pubDate?: string;
  contentSnippet?: string;
  summary?: string;
  content?: string;
};

export type NewsDraft = {
  dedupeKey: string;
  source: string;
  title: string;
  summary: string | null;
  url: string;
  publishedAt: Date;
  symbols: string[];
  isSample: boolean;
};

const MAX_TITLE = 300;
const MAX_SUMMARY = 600;
const TRACKING_PARAMS = /^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$|ref$|ref_src$)/i;

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Plain text of a snippet that may hold HTML and entities. */
export function toPlainText(html: string): string {
  return collapse(
    html
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
      .replace(/<[^>]*>/g, " ")
      .replace(/&nbsp;/g, " ")
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#0?39;|&apos;/g, "'")
      .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code))),
  );
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
}

/** http(s) link without tracking parameters, fragment or trailing slash; null when not a web link. */
export function canonicalLink(link: string | undefined, base?: string): string | null {
  if (!link) return null;
  let url: URL;
  try {
    url = new URL(link.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  url.hash = "";
  for (const key of [...url.searchParams.keys()]) if (TRACKING_PARAMS.test(key)) url.searchParams.delete(key);
  url.hostname = url.hostname.toLowerCase();
  if (url.pathname.length > 1 && url.pathname.endsWith("/")) url.pathname = url.pathname.replace(/\/+$/, "");
  return url.toString();
}

function parseDate(item: RawFeedItem, now: Date): Date {
  for (const candidate of [item.isoDate, item.pubDate]) {
    if (!candidate) continue;
    const ms = Date.parse(candidate);
    // A date in the future (bad clocks, scheduled posts) counts as now, so it never sits on top for days.
    if (Number.isFinite(ms)) return new Date(Math.min(ms, now.getTime()));
  }
  return now;
}

/**
 * Turns one feed's items into drafts: titled items with a web link, deduplicated within the feed,
 * keyed by their canonical link (so the same story from two feeds is stored once); an item whose
 * link is missing falls back to a guid that is a URL.
 */
export function normalizeFeedItems({ items, source, feedUrl, now, tagSymbols }: { items: readonly RawFeedItem[]; source: string; feedUrl: string; now: Date; tagSymbols: SymbolTagger }): NewsDraft[] {
  const drafts = new Map<string, NewsDraft>();
  for (const item of items) {
    const title = item.title ? truncate(toPlainText(item.title), MAX_TITLE) : "";
    const url = canonicalLink(item.link, feedUrl) ?? canonicalLink(item.guid, feedUrl) ?? canonicalLink(item.id, feedUrl);
    if (!title || !url) continue;
    const summaryText = toPlainText(item.contentSnippet ?? item.summary ?? item.content ?? "");
    const summary = summaryText ? truncate(summaryText, MAX_SUMMARY) : null;
    const dedupeKey = `url:${url}`;
    if (drafts.has(dedupeKey)) continue;
    drafts.set(dedupeKey, {
      dedupeKey,
      source,
      title,
      summary,
      url,
      publishedAt: parseDate(item, now),
      symbols: tagSymbols(`${title}\n${summary ?? ""}`),
      isSample: false,
    });
  }
  return [...drafts.values()];
}

/** The feed's own title, else its host name. */
export function sourceName(feedTitle: string | undefined, feedUrl: string): string {
  const title = feedTitle ? collapse(toPlainText(feedTitle)) : "";
  if (title) return title.slice(0, 80);
  try {
    return new URL(feedUrl).hostname.replace(/^www\./, "");
  } catch {
    return "feed";
  }
}
