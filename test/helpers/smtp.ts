import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { createMailer } from "@/lib/mail/mailer";

export type CapturedMail = { from: string; to: string[]; raw: string; text: string };

/** A real SMTP server on a random local port; the app's mailer is pointed at it over SMTP. */
export async function startSmtpCapture() {
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: false,
    disabledCommands: ["STARTTLS"],
    onAuth(auth, _session, callback) {
      if (auth.username === "tp" && auth.password === "tp-test-password") callback(null, { user: "tp" });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          text: decodeQuotedPrintable(raw),
        });
        callback();
      });
    },
    logger: false,
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const port = (server.server.address() as AddressInfo).port;
  const mailer = createMailer({
    smtpUrl: `smtp://tp:tp-test-password@127.0.0.1:${port}`,
    from: "TradePulse <no-reply@tradepulse.test>",
    outboxDir: mkdtempSync(path.join(tmpdir(), "tp-unused-outbox-")),
  });
  const globalForMailer = globalThis as unknown as { __tradepulseMailer?: unknown };
  const previous = globalForMailer.__tradepulseMailer;
  globalForMailer.__tradepulseMailer = mailer;

  return {
    messages,
    /** The newest message to `to`, waiting briefly for delivery. */
    async lastTo(to: string, subjectIncludes?: string): Promise<CapturedMail> {
      for (let i = 0; i < 100; i++) {
        const found = [...messages].reverse().find((m) => m.to.includes(to) && (!subjectIncludes || new RegExp(subjectIncludes, "i").test(m.raw)));
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no email to ${to}${subjectIncludes ? ` about ${subjectIncludes}` : ""}`);
    },
    countTo(to: string): number {
      return messages.filter((m) => m.to.includes(to)).length;
    },
    async stop() {
      globalForMailer.__tradepulseMailer = previous;
      await mailer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The first link in a message whose path starts with `pathname`. */
export function linkIn(mail: CapturedMail, pathname: string): URL {
  const match = mail.text.match(new RegExp(`https?://[^\\s"<>]*${pathname.replace(/\//g, "\\/")}\\?token=[A-Za-z0-9_%-]+`));
  if (!match) throw new Error(`no ${pathname} link in the email`);
  return new URL(match[0]);
}
