import { describe, expect, test } from "vitest";
import { extractLinks } from "./outbox";
import {
  accountDeletedTemplate,
  accountLockedTemplate,
  alertTriggeredTemplate,
  escapeHtml,
  exchangeKeyInvalidTemplate,
  passwordChangedTemplate,
  resetPasswordTemplate,
  twoFactorChangedTemplate,
  verifyEmailTemplate,
  type MailContent,
} from "./templates";

const EVIL = `<script>alert("x")</script> & 'Eve'`;
const WHEN = new Date("2025-03-04T05:06:07Z");
const VERIFY_URL = "https://app.example.com/verify-email?token=abc123&next=%2Fdashboard";
const RESET_URL = "https://app.example.com/reset-password?token=def456";
const SETTINGS_URL = "https://app.example.com/settings/exchange-keys";
const ALERT_URL = "https://app.example.com/alerts/42";

type Case = { name: string; render: (name: string) => MailContent; links: string[] };

const cases: Case[] = [
  { name: "verifyEmail", render: (name) => verifyEmailTemplate({ name, url: VERIFY_URL, expiresInHours: 24 }), links: [VERIFY_URL] },
  {
    name: "resetPassword",
    render: (name) => resetPasswordTemplate({ name, url: RESET_URL, expiresInMinutes: 30, ip: "203.0.113.9" }),
    links: [RESET_URL],
  },
  { name: "resetPassword without ip", render: (name) => resetPasswordTemplate({ name, url: RESET_URL, expiresInMinutes: 1 }), links: [RESET_URL] },
  { name: "accountLocked", render: (name) => accountLockedTemplate({ name, lockedUntil: WHEN, resetUrl: RESET_URL }), links: [RESET_URL] },
  {
    name: "passwordChanged",
    render: (name) => passwordChangedTemplate({ name, when: WHEN, ip: "2001:db8::1", resetUrl: RESET_URL }),
    links: [RESET_URL],
  },
  { name: "twoFactor enabled", render: (name) => twoFactorChangedTemplate({ name, enabled: true, when: WHEN }), links: [] },
  { name: "twoFactor disabled", render: (name) => twoFactorChangedTemplate({ name, enabled: false, when: WHEN }), links: [] },
  { name: "accountDeleted", render: (name) => accountDeletedTemplate({ name }), links: [] },
  {
    name: "exchangeKeyInvalid",
    render: (name) =>
      exchangeKeyInvalidTemplate({ name, label: "Main <b>", exchange: "binance", reason: "Invalid API-key, IP, or permissions", settingsUrl: SETTINGS_URL }),
    links: [SETTINGS_URL],
  },
  {
    name: "alertTriggered",
    render: (name) => alertTriggeredTemplate({ name, title: "BTC/USDT above 70,000", body: "Price: 70,120.50 USDT\nRule: crosses above", url: ALERT_URL }),
    links: [ALERT_URL],
  },
];

test.each([
  ["plain", "plain"],
  ["<script>", "&lt;script&gt;"],
  [`a & "b" 'c'`, "a &amp; &quot;b&quot; &#39;c&#39;"],
  ["&amp;", "&amp;amp;"],
  ["", ""],
])("escapeHtml(%j) = %j", (input, want) => {
  expect(escapeHtml(input)).toBe(want);
});

describe.each(cases)("$name", ({ render, links }) => {
  test("escapes the user's name in the HTML and keeps it readable in the text", () => {
    const mail = render(EVIL);
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Eve&#39;");
    expect(mail.text).toContain(`Hi ${EVIL},`);
  });

  test("has the links in both parts, as real anchors in the HTML", () => {
    const mail = render("Alice");
    expect(extractLinks(mail.text)).toEqual(links);
    for (const link of links) {
      expect(mail.text).toContain(link);
      expect(mail.html).toContain(`href="${escapeHtml(link)}"`);
    }
  });

  test("leaks no undefined, null or NaN and names the product", () => {
    const mail = render("Alice");
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toMatch(/undefined|null|NaN|\[object Object\]|Invalid Date/);
    }
    expect(mail.subject).toMatch(/\S/);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain("TradePulse");
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="en">/);
  });

  test("greets without a name when it is blank", () => {
    expect(render("  ").text.startsWith("Hi,\n")).toBe(true);
  });
});

test("dates are shown in UTC and the optional IP only when given", () => {
  const locked = accountLockedTemplate({ name: "A", lockedUntil: WHEN, ip: "198.51.100.7", resetUrl: RESET_URL });
  expect(locked.text).toContain("Locked until: 4 Mar 2025, 05:06 UTC");
  expect(locked.text).toContain("Last attempt from IP: 198.51.100.7");
  expect(passwordChangedTemplate({ name: "A", when: WHEN, resetUrl: RESET_URL }).text).not.toContain("IP");
});

test("user-controlled values cannot inject headers or markup", () => {
  const mail = alertTriggeredTemplate({ name: "A", title: "line1\r\nBcc: x@evil.test <img src=x>", body: "<b>bold</b>", url: ALERT_URL });
  expect(mail.subject).toBe("TradePulse alert: line1 Bcc: x@evil.test <img src=x>");
  expect(mail.html).not.toContain("<img src=x>");
  expect(mail.html).toContain("&lt;b&gt;bold&lt;/b&gt;");
  const key = exchangeKeyInvalidTemplate({ name: "A", label: "x".repeat(300), exchange: "kraken", reason: "r", settingsUrl: SETTINGS_URL });
  expect(key.subject.length).toBeLessThanOrEqual(150);
});

test.each(["javascript:alert(1)", "/relative/path", "data:text/html,hi", "https://"])("refuses the non-http(s) link %j", (url) => {
  expect(() => verifyEmailTemplate({ name: "A", url, expiresInHours: 1 })).toThrow(/http\(s\)/);
});

test.each([
  ["Open https://a.test/x?y=1&z=2.", ["https://a.test/x?y=1&z=2"]],
  ["(see https://a.test/page)", ["https://a.test/page"]],
  ["https://en.wikipedia.org/wiki/Foo_(bar), then", ["https://en.wikipedia.org/wiki/Foo_(bar)"]],
  ["two: http://a.test/1 and http://a.test/2; again http://a.test/1", ["http://a.test/1", "http://a.test/2"]],
  ["Link:\nhttp://localhost:3000/verify?token=x_y-Z\n", ["http://localhost:3000/verify?token=x_y-Z"]],
  ["no links, ftp://a.test or a.test", []],
  ["", []],
])("extractLinks(%j)", (text, want) => {
  expect(extractLinks(text)).toEqual(want);
});
