import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { extractLinks, getOutboxDir, OUTBOX_MAX_FILES, toOutboxFileName, type OutboxFile } from "./outbox";

export type MailMessage = { to: string; subject: string; text: string; html: string; tag?: string };

export type MailTransportKind = "smtp" | "outbox";

export type SendResult = { id: string; transport: MailTransportKind };

export type Mailer = {
  readonly transport: MailTransportKind;
  send(message: MailMessage): Promise<SendResult>;
  close(): Promise<void>;
};

export type MailerConfig = {
  smtpUrl?: string;
  from: string;
  outboxDir: string;
  /** Where the outbox mailer prints its one-line summary; console.info by default. */
  log?: (line: string) => void;
};

export type MailFailureReason = "auth" | "connection" | "timeout" | "rejected" | "unknown";

// Thrown for every SMTP failure. Built from the error's code and numeric reply only, so neither the
// SMTP URL nor its credentials can reach a log line or an API response through it.
export class MailDeliveryError extends AppError {
  readonly reason: MailFailureReason;
  readonly smtpCode: string | undefined;
  readonly responseCode: number | undefined;

  constructor(reason: MailFailureReason, options: { smtpCode?: string; responseCode?: number } = {}) {
    const detail = [options.smtpCode, options.responseCode].filter((part) => part !== undefined).join(" ");
    super(reason === "timeout" ? "UPSTREAM_TIMEOUT" : "UPSTREAM_UNAVAILABLE", `Email delivery failed: ${REASON_TEXT[reason]}${detail ? ` (${detail})` : ""}.`);
    this.name = "MailDeliveryError";
    this.reason = reason;
    this.smtpCode = options.smtpCode;
    this.responseCode = options.responseCode;
  }
}

const REASON_TEXT: Record<MailFailureReason, string> = {
  auth: "the SMTP server rejected the credentials",
  connection: "could not connect to the SMTP server",
  timeout: "the SMTP server did not answer in time",
  rejected: "the SMTP server refused the message",
  unknown: "unexpected SMTP error",
};

const CONNECTION_CODES = new Set(["ECONNECTION", "ESOCKET", "EDNS", "ETLS", "EPROXY", "ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENOTFOUND"]);

function toDeliveryError(error: unknown): MailDeliveryError {
  const raw = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const smtpCode = typeof raw.code === "string" ? raw.code : undefined;
  const responseCode = typeof raw.responseCode === "number" ? raw.responseCode : undefined;
  let reason: MailFailureReason = "unknown";
  if (smtpCode === "EAUTH" || smtpCode === "ENOAUTH") reason = "auth";
  else if (smtpCode === "ETIMEDOUT") reason = "timeout";
  else if (smtpCode && CONNECTION_CODES.has(smtpCode)) reason = "connection";
  else if (smtpCode === "EENVELOPE" || smtpCode === "EMESSAGE" || (responseCode !== undefined && responseCode >= 500)) reason = "rejected";
  return new MailDeliveryError(reason, { smtpCode, responseCode });
}

function assertComplete(message: MailMessage): void {
  if (!message.to.trim() || /[\r\n]/.test(message.to)) throw new AppError("INTERNAL", "A mail message needs a single-line recipient.");
  if (!message.subject.trim()) throw new AppError("INTERNAL", "A mail message needs a subject.");
  // Every message carries both parts: text for plain clients and the outbox, HTML for everyone else.
  if (!message.text.trim() || !message.html.trim()) throw new AppError("INTERNAL", "A mail message needs both a text and an HTML part.");
}

function getSenderDomain(from: string): string {
  const match = /@([^\s>]+)>?\s*$/.exec(from);
  return match?.[1] ?? "tradepulse.local";
}

function parseSmtpUrl(smtpUrl: string): SMTPPool.Options {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new AppError("INTERNAL", "SMTP_URL is not a valid URL.");
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") throw new AppError("INTERNAL", "SMTP_URL must start with smtp:// or smtps://.");
  const user = decodeURIComponent(url.username);
  return {
    pool: true,
    host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    ...(url.port ? { port: Number(url.port) } : {}),
    secure: url.protocol === "smtps:",
    ...(user ? { auth: { user, pass: decodeURIComponent(url.password) } } : {}),
    maxConnections: 3,
    maxMessages: 100,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    dnsTimeout: 10_000,
    // Nodemailer's own logger would print SMTP traffic; failures surface as MailDeliveryError instead.
    logger: false,
    debug: false,
  };
}

function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transporter = nodemailer.createTransport(parseSmtpUrl(smtpUrl));
  const domain = getSenderDomain(from);
  return {
    transport: "smtp",
    async send(message) {
      assertComplete(message);
      const id = randomUUID();
      try {
        await transporter.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: `<${id}@${domain}>`,
          ...(message.tag ? { headers: { "X-TradePulse-Tag": message.tag } } : {}),
        });
      } catch (error) {
        throw toDeliveryError(error);
      }
      return { id, transport: "smtp" };
    },
    async close() {
      transporter.close();
    },
  };
}

function toSingleLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

function createOutboxMailer(outboxDir: string, from: string, log: (line: string) => void): Mailer {
  let lastCreatedMs = 0;

  async function pruneOutbox(): Promise<void> {
    const names = (await readdir(outboxDir)).filter((name) => name.endsWith(".json")).sort();
    const excess = names.slice(0, Math.max(0, names.length - OUTBOX_MAX_FILES));
    await Promise.all(excess.map((name) => rm(path.join(outboxDir, name), { force: true })));
  }

  return {
    transport: "outbox",
    async send(message) {
      assertComplete(message);
      const id = randomUUID();
      // Strictly increasing per process, so "newest first" holds even for two mails in one millisecond.
      lastCreatedMs = Math.max(Date.now(), lastCreatedMs + 1);
      const createdAt = new Date(lastCreatedMs);
      const record: OutboxFile = {
        id,
        to: message.to,
        from,
        subject: message.subject,
        text: message.text,
        html: message.html,
        tag: message.tag ?? null,
        createdAt: createdAt.toISOString(),
      };
      const file = path.join(outboxDir, toOutboxFileName(createdAt, id));
      // The outbox holds live verification and reset links: readable by the server's user only.
      await mkdir(outboxDir, { recursive: true, mode: 0o700 });
      // Written under a temporary name and renamed, so readers never see half a file.
      await writeFile(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
      await rename(`${file}.tmp`, file);
      await pruneOutbox();
      const links = extractLinks(message.text);
      log(
        `[mail] to ${toSingleLine(message.to)} · "${toSingleLine(message.subject)}"${links.length ? ` · ${links.join(" ")}` : ""} (outbox: ${file})`,
      );
      return { id, transport: "outbox" };
    },
    async close() {},
  };
}

export function createMailer(config: MailerConfig): Mailer {
  if (config.smtpUrl) return createSmtpMailer(config.smtpUrl, config.from);
  return createOutboxMailer(config.outboxDir, config.from, config.log ?? ((line) => console.info(line)));
}

const globalForMailer = globalThis as unknown as { __tradepulseMailer?: Mailer };

export function getMailer(): Mailer {
  if (globalForMailer.__tradepulseMailer) return globalForMailer.__tradepulseMailer;
  const outboxDir = getOutboxDir(env.dataDir);
  if (!env.smtpUrl && env.isProduction) {
    logger.warn({ outboxDir }, "SMTP_URL is not set: emails are written to the outbox and printed to the console instead of being sent");
  }
  const mailer = createMailer({ smtpUrl: env.smtpUrl, from: env.mailFrom, outboxDir });
  globalForMailer.__tradepulseMailer = mailer;
  return mailer;
}

export async function sendMail(message: MailMessage): Promise<SendResult> {
  try {
    return await getMailer().send(message);
  } catch (error) {
    // The recipient is left out on purpose: the log needs the failure, not the address.
    logger.error({ err: error, tag: message.tag }, "email delivery failed");
    throw error;
  }
}
