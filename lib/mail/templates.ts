import { AppError } from "@/lib/errors";

// Pure email templates: plain data in, { subject, text, html } out. Every interpolated value in the
// HTML goes through escapeHtml; the text part is complete on its own (the outbox and plain clients use it).

export type MailContent = { subject: string; text: string; html: string };

const PRODUCT = "TradePulse";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

function assertHttpUrl(url: string): string {
  // Only http(s) may become an href; anything else (javascript:, data:) is a bug upstream.
  if (!/^https?:\/\/[^\s]+$/i.test(url)) throw new AppError("INTERNAL", "Email links must be absolute http(s) URLs.");
  return url;
}

function toSingleLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

function toSubject(value: string): string {
  const line = toSingleLine(value);
  return line.length > 150 ? `${line.slice(0, 149)}…` : line;
}

function formatUtc(date: Date): string {
  const formatted = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(date);
  return `${formatted} UTC`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "button"; label: string; url: string }
  | { kind: "details"; rows: [label: string, value: string][] };

type Layout = { subject: string; name: string; preheader: string; blocks: Block[]; footer: string };

const SECURITY_FOOTER = `You received this security notice because it concerns your ${PRODUCT} account. ${PRODUCT} will never ask for your password by email.`;
const ACCOUNT_FOOTER = `You received this email because you have a ${PRODUCT} account.`;

function greet(name: string): string {
  const clean = toSingleLine(name);
  return clean ? `Hi ${clean},` : "Hi,";
}

function renderText({ name, blocks, footer }: Layout): string {
  const parts = [greet(name)];
  for (const block of blocks) {
    if (block.kind === "paragraph") parts.push(block.text);
    else if (block.kind === "button") parts.push(`${block.label}:\n${block.url}`);
    else parts.push(block.rows.map(([label, value]) => `${label}: ${value}`).join("\n"));
  }
  parts.push(`— The ${PRODUCT} team`, footer);
  return `${parts.join("\n\n")}\n`;
}

function renderParagraphHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, "<br>");
}

function renderBlockHtml(block: Block): string {
  if (block.kind === "paragraph") {
    return `<p style="margin:0 0 16px;font-size:16px;line-height:24px;color:#1f2937;">${renderParagraphHtml(block.text)}</p>`;
  }
  if (block.kind === "button") {
    const href = escapeHtml(block.url);
    return [
      `<table role="presentation" cellspacing="0" cellpadding="0" border="0" style="margin:8px 0 24px;"><tr><td style="border-radius:6px;background:#1d4ed8;">`,
      `<a href="${href}" style="display:inline-block;padding:12px 20px;font-size:16px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:6px;">${escapeHtml(block.label)}</a>`,
      `</td></tr></table>`,
      `<p style="margin:0 0 16px;font-size:14px;line-height:20px;color:#4b5563;">If the button does not work, copy this link into your browser:<br><a href="${href}" style="color:#1d4ed8;word-break:break-all;">${href}</a></p>`,
    ].join("");
  }
  const rows = block.rows
    .map(
      ([label, value]) =>
        `<tr><th scope="row" style="padding:4px 16px 4px 0;text-align:left;font-weight:600;color:#374151;">${escapeHtml(label)}</th><td style="padding:4px 0;color:#1f2937;">${escapeHtml(value)}</td></tr>`,
    )
    .join("");
  return `<table role="presentation" style="margin:0 0 16px;font-size:14px;line-height:20px;border-collapse:collapse;">${rows}</table>`;
}

function renderHtml({ subject, name, preheader, blocks, footer }: Layout): string {
  return [
    `<!doctype html>`,
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f3f4f6;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;">`,
    // Preview text shown by inbox lists, hidden in the message itself.
    `<div style="display:none;max-height:0;overflow:hidden;">${escapeHtml(preheader)}</div>`,
    `<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:24px 12px;">`,
    `<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="max-width:560px;background:#ffffff;border-radius:8px;">`,
    `<tr><td style="padding:24px 32px 0;font-size:20px;font-weight:700;color:#111827;">${PRODUCT}</td></tr>`,
    `<tr><td style="padding:24px 32px 8px;">`,
    `<p style="margin:0 0 16px;font-size:16px;line-height:24px;color:#1f2937;">${escapeHtml(greet(name))}</p>`,
    ...blocks.map(renderBlockHtml),
    `<p style="margin:0 0 16px;font-size:16px;line-height:24px;color:#1f2937;">— The ${PRODUCT} team</p>`,
    `</td></tr>`,
    `<tr><td style="padding:16px 32px 24px;border-top:1px solid #e5e7eb;font-size:12px;line-height:18px;color:#4b5563;">${escapeHtml(footer)}</td></tr>`,
    `</table></td></tr></table></body></html>`,
  ].join("\n");
}

function render(layout: Layout): MailContent {
  return { subject: layout.subject, text: renderText(layout), html: renderHtml(layout) };
}

function ipRows(label: string, ip: string | undefined): [string, string][] {
  const clean = ip === undefined ? "" : toSingleLine(ip);
  return clean ? [[label, clean]] : [];
}

export function verifyEmailTemplate(input: { name: string; url: string; expiresInHours: number }): MailContent {
  return render({
    subject: `Verify your email address for ${PRODUCT}`,
    name: input.name,
    preheader: `Confirm your email address to finish setting up your ${PRODUCT} account.`,
    blocks: [
      { kind: "paragraph", text: `Welcome to ${PRODUCT}! Please confirm that this is your email address to finish setting up your account.` },
      { kind: "button", label: "Verify email address", url: assertHttpUrl(input.url) },
      { kind: "paragraph", text: `This link expires in ${plural(input.expiresInHours, "hour")}. If you did not create a ${PRODUCT} account, you can ignore this email.` },
    ],
    footer: ACCOUNT_FOOTER,
  });
}

export function resetPasswordTemplate(input: { name: string; url: string; expiresInMinutes: number; ip?: string }): MailContent {
  const ip = ipRows("Requested from IP", input.ip);
  return render({
    subject: `Reset your ${PRODUCT} password`,
    name: input.name,
    preheader: `Someone asked to reset the password of your ${PRODUCT} account.`,
    blocks: [
      { kind: "paragraph", text: `We received a request to reset the password of your ${PRODUCT} account.` },
      ...(ip.length ? [{ kind: "details" as const, rows: ip }] : []),
      { kind: "button", label: "Choose a new password", url: assertHttpUrl(input.url) },
      {
        kind: "paragraph",
        text: `This link expires in ${plural(input.expiresInMinutes, "minute")} and can be used once. If you did not ask for a reset, ignore this email: your password stays the same.`,
      },
    ],
    footer: SECURITY_FOOTER,
  });
}

export function accountLockedTemplate(input: { name: string; lockedUntil: Date; ip?: string; resetUrl: string }): MailContent {
  return render({
    subject: `Your ${PRODUCT} account has been locked`,
    name: input.name,
    preheader: `Sign-in was paused after too many failed attempts.`,
    blocks: [
      { kind: "paragraph", text: `We paused sign-in to your ${PRODUCT} account after too many failed password attempts.` },
      { kind: "details", rows: [["Locked until", formatUtc(input.lockedUntil)], ...ipRows("Last attempt from IP", input.ip)] },
      { kind: "paragraph", text: `If this was you, wait until then and try again. If it was not you, someone may know or be guessing your password: reset it now.` },
      { kind: "button", label: "Reset your password", url: assertHttpUrl(input.resetUrl) },
    ],
    footer: SECURITY_FOOTER,
  });
}

export function passwordChangedTemplate(input: { name: string; when: Date; ip?: string; resetUrl: string }): MailContent {
  return render({
    subject: `Your ${PRODUCT} password was changed`,
    name: input.name,
    preheader: `The password of your ${PRODUCT} account was just changed.`,
    blocks: [
      { kind: "paragraph", text: `The password of your ${PRODUCT} account was changed.` },
      { kind: "details", rows: [["When", formatUtc(input.when)], ...ipRows("From IP", input.ip)] },
      { kind: "paragraph", text: `If you made this change, there is nothing else to do. If you did not, reset your password right away.` },
      { kind: "button", label: "Reset your password", url: assertHttpUrl(input.resetUrl) },
    ],
    footer: SECURITY_FOOTER,
  });
}

export function twoFactorChangedTemplate(input: { name: string; enabled: boolean; when: Date }): MailContent {
  const state = input.enabled ? "enabled" : "disabled";
  return render({
    subject: `Two-factor authentication ${state} on your ${PRODUCT} account`,
    name: input.name,
    preheader: `Two-factor authentication was ${state}.`,
    blocks: [
      {
        kind: "paragraph",
        text: input.enabled
          ? `Two-factor authentication is now on for your ${PRODUCT} account. Signing in will ask for a code from your authenticator app.`
          : `Two-factor authentication is now off for your ${PRODUCT} account. Signing in needs only your password.`,
      },
      { kind: "details", rows: [["When", formatUtc(input.when)]] },
      {
        kind: "paragraph",
        text: `If you did not make this change, sign in, change your password and review your active sessions, or contact the administrator of this ${PRODUCT} server.`,
      },
    ],
    footer: SECURITY_FOOTER,
  });
}

export function accountDeletedTemplate(input: { name: string }): MailContent {
  return render({
    subject: `Your ${PRODUCT} account has been deleted`,
    name: input.name,
    preheader: `Your ${PRODUCT} account and its data have been deleted.`,
    blocks: [
      {
        kind: "paragraph",
        text: `Your ${PRODUCT} account has been deleted, together with its portfolios, alerts and stored exchange keys. Exchange keys were removed from ${PRODUCT} only: revoke them at your exchange as well if you no longer use them.`,
      },
      { kind: "paragraph", text: `If you did not ask for this, contact the administrator of this ${PRODUCT} server.` },
    ],
    footer: `This is the last email you will receive about this account.`,
  });
}

export function exchangeKeyInvalidTemplate(input: {
  name: string;
  label: string;
  exchange: string;
  reason: string;
  settingsUrl: string;
}): MailContent {
  const label = toSingleLine(input.label);
  const exchange = toSingleLine(input.exchange);
  return render({
    subject: toSubject(`Your ${exchange} key "${label}" stopped working`),
    name: input.name,
    preheader: `${PRODUCT} can no longer use one of your exchange keys.`,
    blocks: [
      { kind: "paragraph", text: `${PRODUCT} could not use one of your exchange API keys, so syncing and trading with it are paused.` },
      { kind: "details", rows: [["Key", label], ["Exchange", exchange], ["Reason", toSingleLine(input.reason)]] },
      { kind: "paragraph", text: `Check that the key still exists at the exchange and has the right permissions, then update or replace it.` },
      { kind: "button", label: "Manage exchange keys", url: assertHttpUrl(input.settingsUrl) },
    ],
    footer: ACCOUNT_FOOTER,
  });
}

export function alertTriggeredTemplate(input: { name: string; title: string; body: string; url: string }): MailContent {
  return render({
    subject: toSubject(`${PRODUCT} alert: ${input.title}`),
    name: input.name,
    preheader: toSingleLine(input.title),
    blocks: [
      { kind: "paragraph", text: `Your alert "${toSingleLine(input.title)}" was triggered.` },
      ...(input.body.trim() ? [{ kind: "paragraph" as const, text: input.body.trim() }] : []),
      { kind: "button", label: "View alert", url: assertHttpUrl(input.url) },
    ],
    footer: `You received this email because you turned on email notifications for this alert in ${PRODUCT}.`,
  });
}
