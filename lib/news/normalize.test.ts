import { expect, test } from "vitest";
import { canonicalLink, normalizeFeedItems, sourceName, toPlainText } from "./normalize";

test.each([
  ["https://News.Example/a/?utm_source=x&id=3#top", "https://news.example/a?id=3"],
  ["/relative/path/", "https://feed.example/relative/path"],
  ["javascript:alert(1)", null],
  ["not a url at all", "https://feed.example/not%20a%20url%20at%20all"],
  [undefined, null],
])("canonicalLink(%j)", (link, want) => {
  expect(canonicalLink(link, "https://feed.example/rss")).toBe(want);
});

test("toPlainText strips tags and decodes entities", () => {
  expect(toPlainText("<p>BTC &amp; ETH <b>up</b>&nbsp;5&#37;</p><script>x()</script>")).toBe("BTC & ETH up 5%");
});

test("normalizeFeedItems keeps titled web links once, clamps future dates and truncates long summaries", () => {
  const now = new Date("2026-01-01T12:00:00Z");
  const drafts = normalizeFeedItems({
    items: [
      { title: "One", link: "https://a.example/1", isoDate: "2026-01-01T11:00:00Z", contentSnippet: "x".repeat(700) },
      { title: "One again", link: "https://a.example/1?utm_medium=rss" },
      { title: "", link: "https://a.example/2" },
      { title: "No link" },
      { title: "Future", link: "https://a.example/3", isoDate: "2027-01-01T00:00:00Z" },
    ],
    source: "A",
    feedUrl: "https://a.example/feed",
    now,
    tagSymbols: () => [],
  });
  expect(drafts.map((d) => d.title)).toEqual(["One", "Future"]);
  expect(drafts[0]!.summary!.length).toBeLessThanOrEqual(600);
  expect(drafts[1]!.publishedAt).toEqual(now);
  expect(drafts[0]!.dedupeKey).toBe("url:https://a.example/1");
});

test.each([
  ["  My  Feed ", "https://x.example/rss", "My Feed"],
  [undefined, "https://www.x.example/rss", "x.example"],
])("sourceName(%j)", (title, url, want) => {
  expect(sourceName(title, url)).toBe(want);
});
