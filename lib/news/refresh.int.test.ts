import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, inArray, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { db } from "@/db/client";
import { newsItems } from "@/db/schema";
import { logger } from "@/lib/logger";
import { listNews } from "./queries";
import { refreshNews } from "./refresh";
import { createSymbolTagger } from "./tagging";

// A local server that speaks RSS 2.0 and Atom; the real fetcher and rss-parser read from it.
const run = randomBytes(4).toString("hex");
const tagSymbols = createSymbolTagger(["BTC", "ETH", "SOL", "DOT"].map((base) => ({ symbol: `${base}-USDT`, base })));
const now = new Date();
const iso = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
const rfc822 = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toUTCString();

let rssItems = [
  { title: "Bitcoin &amp; Ether rally as ETF flows return", link: `https://news.test/${run}/btc-eth?utm_source=rss`, guid: `rss-${run}-1`, minutesAgo: 5 },
  { title: "A new solution for payments", link: `https://news.test/${run}/solution`, guid: `rss-${run}-2`, minutesAgo: 20 },
];

function rss(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test RSS ${run}</title><link>https://news.test/</link><description>d</description>
${rssItems
  .map(
    (item) => `<item><title>${item.title}</title><link>${item.link}</link><guid isPermaLink="false">${item.guid}</guid>
<pubDate>${rfc822(item.minutesAgo)}</pubDate><description><![CDATA[<p>Markets <b>moved</b> today.</p>]]></description></item>`,
  )
  .join("\n")}
</channel></rss>`;
}

function atom(): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Test Atom ${run}</title><id>urn:test:${run}</id><updated>${iso(0)}</updated>
<entry><title>Solana upgrade ships; $DOT holders watch</title><link href="https://atom.test/${run}/sol-dot"/><id>urn:test:${run}:1</id>
<updated>${iso(10)}</updated><summary>Polkadot and Solana developers comment.</summary></entry>
<entry><title>Same story as the RSS one</title><link href="https://news.test/${run}/btc-eth"/><id>urn:test:${run}:2</id>
<updated>${iso(6)}</updated><summary>Duplicate across feeds.</summary></entry>
</feed>`;
}

let isDown = false;
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    if (isDown) {
      res.writeHead(503).end("maintenance");
      return;
    }
    if (req.url === "/rss.xml") res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss());
    else if (req.url === "/atom.xml") res.writeHead(200, { "content-type": "application/atom+xml" }).end(atom());
    else if (req.url === "/broken.xml") res.writeHead(200, { "content-type": "application/xml" }).end("<rss><channel><item>");
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const rowsOfRun = () =>
  db
    .select()
    .from(newsItems)
    .where(inArray(newsItems.source, [`Test RSS ${run}`, `Test Atom ${run}`]));

describe("refreshNews", () => {
  test("reads RSS and Atom, tags symbols, and stores each story once across feeds and refreshes", async () => {
    const feeds = [`${base}/rss.xml`, `${base}/atom.xml`];
    const first = await refreshNews({ feeds, now, tagSymbols });
    expect(first.feeds).toEqual([
      { url: feeds[0], ok: true, items: 2 },
      { url: feeds[1], ok: true, items: 2 },
    ]);
    let rows = await rowsOfRun();
    expect(rows).toHaveLength(3);
    const byTitle = Object.fromEntries(rows.map((row) => [row.title, row]));
    expect(byTitle["Bitcoin & Ether rally as ETF flows return"]).toMatchObject({
      url: `https://news.test/${run}/btc-eth`,
      symbols: ["BTC-USDT", "ETH-USDT"],
      summary: "Markets moved today.",
      isSample: false,
      source: `Test RSS ${run}`,
    });
    expect(byTitle["A new solution for payments"]?.symbols).toEqual([]);
    expect(byTitle["Solana upgrade ships; $DOT holders watch"]?.symbols).toEqual(["SOL-USDT", "DOT-USDT"]);
    // The Atom copy of the RSS story shares its canonical link: not stored again.
    expect(byTitle["Same story as the RSS one"]).toBeUndefined();

    rssItems = [...rssItems, { title: "Ethereum gas hits a yearly low", link: `https://news.test/${run}/eth-gas`, guid: `rss-${run}-3`, minutesAgo: 1 }];
    const second = await refreshNews({ feeds, now: new Date(now.getTime() + 600_000), tagSymbols });
    expect(second.inserted).toBe(1);
    rows = await rowsOfRun();
    expect(rows).toHaveLength(4);
    expect(rows.find((row) => row.title === "Ethereum gas hits a yearly low")?.symbols).toEqual(["ETH-USDT"]);

    const forEth = await listNews({ page: 1, limit: 100, symbol: "ETH-USDT" });
    const mine = forEth.items.filter((item) => item.source.endsWith(run)).map((item) => item.title);
    expect(mine).toEqual(["Ethereum gas hits a yearly low", "Bitcoin & Ether rally as ETF flows return"]);
  });

  test("a feed that is down or broken is logged and its earlier items stay", async () => {
    const warn = vi.spyOn(logger, "warn");
    const before = (await rowsOfRun()).length;
    isDown = true;
    try {
      const result = await refreshNews({ feeds: [`${base}/rss.xml`, `${base}/broken.xml`], now, tagSymbols });
      expect(result.feeds.map((feed) => [feed.ok, feed.error?.slice(0, 8)])).toEqual([
        [false, "HTTP 503"],
        [false, "HTTP 503"],
      ]);
    } finally {
      isDown = false;
    }
    const broken = await refreshNews({ feeds: [`${base}/broken.xml`, "http://127.0.0.1:9/unreachable.xml"], now, tagSymbols, timeoutMs: 2_000 });
    expect(broken.feeds.every((feed) => !feed.ok)).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ feed: `${base}/rss.xml` }), expect.stringContaining("could not be read"));
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ feed: `${base}/broken.xml` }), expect.stringContaining("could not be read"));
    expect((await rowsOfRun()).length).toBe(before);
    warn.mockRestore();
  });

  test("without feeds the sample is stored once, marked as sample; a working feed replaces it", async () => {
    await refreshNews({ feeds: [], now, tagSymbols });
    await refreshNews({ feeds: [], now: new Date(now.getTime() + 600_000), tagSymbols });
    const samples = await db.select().from(newsItems).where(like(newsItems.dedupeKey, "sample:%"));
    expect(samples.length).toBeGreaterThanOrEqual(10);
    expect(samples.length).toBeLessThanOrEqual(20);
    expect(samples.every((row) => row.isSample && row.url.startsWith("https://example.com/"))).toBe(true);
    expect(samples.find((row) => row.title.startsWith("Bitcoin holds"))?.symbols).toEqual(["BTC-USDT"]);

    await refreshNews({ feeds: [`${base}/rss.xml`], now, tagSymbols });
    expect(await db.select().from(newsItems).where(eq(newsItems.isSample, true))).toEqual([]);
  });
});
