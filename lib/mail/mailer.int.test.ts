import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createMailer, getMailer, MailDeliveryError, type Mailer } from "./mailer";
import { listOutbox, OUTBOX_MAX_FILES, readLatestMail, toOutboxFileName } from "./outbox";
import { verifyEmailTemplate } from "./templates";

const USER = "mailer-test";
const PASSWORD = "s3cret-Pa55word";
const FROM = "TradePulse <no-reply@tradepulse.test>";

type Received = { mailFrom: string; rcptTo: string[]; raw: string };

// Just enough MIME to check the parts: headers, multipart boundaries, quoted-printable and base64.
type MimePart = { headers: Map<string, string>; body: string };

function parseMime(raw: string): MimePart {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

function decodeBody(part: MimePart): string {
  const encoding = part.headers.get("content-transfer-encoding")?.toLowerCase();
  if (encoding === "base64") return Buffer.from(part.body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = part.body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return part.body;
}

function splitMultipart(part: MimePart): MimePart[] {
  const boundary = /boundary="?([^";]+)"?/.exec(part.headers.get("content-type") ?? "")?.[1];
  if (!boundary) throw new Error("not a multipart message");
  return part.body
    .split(`--${boundary}`)
    .slice(1, -1)
    // The CRLF before each boundary belongs to the boundary, not to the part.
    .map((chunk) => parseMime(chunk.replace(/^\r\n/, "").replace(/\r\n$/, "")));
}

async function getClosedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("SMTP mailer against a real SMTP server", () => {
  let server: SMTPServer;
  let port: number;
  const received: Received[] = [];
  const mailers: Mailer[] = [];

  function createSmtpMailer(user: string, password: string, atPort = port): Mailer {
    const mailer = createMailer({
      smtpUrl: `smtp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${atPort}`,
      from: FROM,
      outboxDir: path.join(os.tmpdir(), "unused-outbox"),
    });
    mailers.push(mailer);
    return mailer;
  }

  beforeAll(async () => {
    server = new SMTPServer({
      secure: false,
      disabledCommands: ["STARTTLS"],
      authOptional: false,
      // Plain AUTH over an unencrypted local socket is fine for a test server.
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === USER && auth.password === PASSWORD) return callback(null, { user: USER });
        return callback(new Error("Invalid username or password"));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          received.push({
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await Promise.all(mailers.map((mailer) => mailer.close()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test("delivers a message with a text and an HTML part", async () => {
    const url = "http://localhost:3000/verify-email?token=tok_0123456789abcdefghijklmnopqrstuvwxyz0123456789";
    const content = verifyEmailTemplate({ name: "Alice <script>", url, expiresInHours: 24 });
    const mailer = createSmtpMailer(USER, PASSWORD);
    expect(mailer.transport).toBe("smtp");

    const result = await mailer.send({ to: "alice@example.com", ...content, tag: "verify-email" });

    expect(result.transport).toBe("smtp");
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.mailFrom).toBe("no-reply@tradepulse.test");
    expect(mail.rcptTo).toEqual(["alice@example.com"]);

    const message = parseMime(mail.raw);
    expect(message.headers.get("from")).toBe(FROM);
    expect(message.headers.get("to")).toBe("alice@example.com");
    expect(message.headers.get("subject")).toBe(content.subject);
    expect(message.headers.get("message-id")).toBe(`<${result.id}@tradepulse.test>`);
    expect(message.headers.get("x-tradepulse-tag")).toBe("verify-email");
    expect(message.headers.get("content-type")).toMatch(/^multipart\/alternative;/);

    const parts = splitMultipart(message);
    const text = parts.find((part) => part.headers.get("content-type")?.startsWith("text/plain"));
    const html = parts.find((part) => part.headers.get("content-type")?.startsWith("text/html"));
    expect(text).toBeDefined();
    expect(html).toBeDefined();
    expect(decodeBody(text!)).toBe(content.text.replace(/\n/g, "\r\n"));
    expect(decodeBody(text!)).toContain(url);
    expect(decodeBody(html!)).toContain(`href="${url}"`);
    expect(decodeBody(html!)).toContain("Alice &lt;script&gt;");
  });

  test("a wrong password rejects with MailDeliveryError that does not reveal the credentials", async () => {
    const wrongPassword = "wrong-Pa55word-xyz";
    const mailer = createSmtpMailer(USER, wrongPassword);
    const error = await mailer.send({ to: "bob@example.com", subject: "Hello", text: "Hi", html: "<p>Hi</p>" }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MailDeliveryError);
    const failure = error as MailDeliveryError;
    expect(failure.reason).toBe("auth");
    expect(failure.smtpCode).toBe("EAUTH");
    expect(failure.responseCode).toBe(535);
    expect(failure.code).toBe("UPSTREAM_UNAVAILABLE");
    const everything = [failure.message, String(failure.stack), JSON.stringify(failure), String(failure.cause)].join("\n");
    for (const secret of [wrongPassword, PASSWORD, "smtp://", `${USER}:`]) expect(everything).not.toContain(secret);
  });

  test("an unreachable server rejects quickly", async () => {
    const mailer = createSmtpMailer(USER, PASSWORD, await getClosedPort());
    const started = Date.now();
    const error = await mailer.send({ to: "carol@example.com", subject: "Hello", text: "Hi", html: "<p>Hi</p>" }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MailDeliveryError);
    expect((error as MailDeliveryError).reason).toBe("connection");
    expect((error as MailDeliveryError).message).not.toContain(PASSWORD);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test("refuses a message without an HTML part before connecting", async () => {
    const mailer = createSmtpMailer(USER, PASSWORD);
    const before = received.length;
    await expect(mailer.send({ to: "dave@example.com", subject: "Hello", text: "Hi", html: " " })).rejects.toThrow(/text and an HTML part/);
    expect(received).toHaveLength(before);
  });
});

describe("outbox mailer", () => {
  let dir: string;
  let lines: string[];
  let mailer: Mailer;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "tradepulse-outbox-"));
    lines = [];
    mailer = createMailer({ from: FROM, outboxDir: path.join(dir, "outbox"), log: (line) => lines.push(line) });
  });

  afterEach(async () => {
    await mailer.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("writes the message as JSON, prints the link and can be read back", async () => {
    const url = "http://localhost:3000/reset-password?token=abc_DEF-123";
    const content = verifyEmailTemplate({ name: "Erin", url, expiresInHours: 24 });
    const outboxDir = path.join(dir, "outbox");

    const result = await mailer.send({ to: "Erin@Example.com", ...content, tag: "verify-email" });

    expect(result.transport).toBe("outbox");
    const files = await readdir(outboxDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}\\.\\d{3}Z-${result.id}\\.json$`));
    const stored = JSON.parse(await readFile(path.join(outboxDir, files[0]!), "utf8")) as Record<string, unknown>;
    expect(stored).toEqual({
      id: result.id,
      to: "Erin@Example.com",
      from: FROM,
      subject: content.subject,
      text: content.text,
      html: content.html,
      tag: "verify-email",
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });

    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("Erin@Example.com");
    expect(lines[0]).toContain(content.subject);
    expect(lines[0]).toContain(url);

    const latest = await readLatestMail({ to: "erin@example.com", subjectIncludes: "VERIFY", dir: outboxDir });
    expect(latest).toMatchObject({ id: result.id, subject: content.subject, links: [url] });
    expect(await readLatestMail({ to: "erin@example.com", subjectIncludes: "reset", dir: outboxDir })).toBeNull();
    expect(await readLatestMail({ to: "nobody@example.com", dir: outboxDir })).toBeNull();
    expect(await listOutbox({ dir: path.join(dir, "missing") })).toEqual([]);
  });

  test("lists newest first, filtered by recipient, even within one millisecond", async () => {
    const outboxDir = path.join(dir, "outbox");
    const sent = [];
    for (const [index, to] of ["a@example.com", "b@example.com", "a@example.com", "a@example.com"].entries()) {
      sent.push(await mailer.send({ to, subject: `Message ${index}`, text: `Body ${index}`, html: `<p>Body ${index}</p>` }));
    }

    const all = await listOutbox({ dir: outboxDir });
    expect(all.map((mail) => mail.subject)).toEqual(["Message 3", "Message 2", "Message 1", "Message 0"]);
    const toA = await listOutbox({ to: "A@example.com", limit: 2, dir: outboxDir });
    expect(toA.map((mail) => mail.id)).toEqual([sent[3]!.id, sent[2]!.id]);
    expect((await readLatestMail({ to: "b@example.com", dir: outboxDir }))?.subject).toBe("Message 1");
  });

  test(`keeps only the newest ${OUTBOX_MAX_FILES} files`, async () => {
    const outboxDir = path.join(dir, "outbox");
    await mkdir(outboxDir, { recursive: true });
    const old = new Date("2020-01-01T00:00:00Z").getTime();
    const oldNames = Array.from({ length: OUTBOX_MAX_FILES + 2 }, (_, i) => toOutboxFileName(new Date(old + i * 1000), `old-${i}`));
    await Promise.all(
      oldNames.map((name, i) =>
        writeFile(
          path.join(outboxDir, name),
          JSON.stringify({ id: `old-${i}`, to: "old@example.com", from: FROM, subject: `Old ${i}`, text: "t", html: "<p>t</p>", tag: null, createdAt: new Date(old + i * 1000).toISOString() }),
        ),
      ),
    );

    const result = await mailer.send({ to: "new@example.com", subject: "New", text: "y", html: "<p>y</p>" });

    const files = (await readdir(outboxDir)).sort();
    expect(files).toHaveLength(OUTBOX_MAX_FILES);
    expect(files.at(-1)).toContain(result.id);
    // The three oldest (0, 1 and 2) are gone; the rest are kept.
    expect(files).not.toContain(oldNames[2]);
    expect(files[0]).toBe(oldNames[3]);
    expect((await listOutbox({ dir: outboxDir, limit: 1 }))[0]?.id).toBe(result.id);
  });
});

test("getMailer is one instance per process", () => {
  expect(getMailer()).toBe(getMailer());
});
