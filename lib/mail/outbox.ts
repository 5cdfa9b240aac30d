import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

// Reads the outbox the stand-in mailer writes. No "server-only" and no env import at the top level:
// Playwright specs import this file directly and pass the DATA_DIR of the server under test.

export const OUTBOX_MAX_FILES = 500;

const outboxFileSchema = z.object({
  id: z.string(),
  to: z.string(),
  from: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  tag: z.string().nullable(),
  createdAt: z.string(),
});

export type OutboxFile = z.infer<typeof outboxFileSchema>;

export type OutboxMail = OutboxFile & { file: string; links: string[] };

export function getOutboxDir(dataDir: string): string {
  return path.join(dataDir, "outbox");
}

// ISO time with ":" replaced (not allowed in Windows file names); names still sort by time.
export function toOutboxFileName(createdAt: Date, id: string): string {
  return `${createdAt.toISOString().replace(/:/g, "-")}-${id}.json`;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;

/** Every http(s) URL in a plain-text body, in order of appearance, without duplicates. */
export function extractLinks(text: string): string[] {
  const links: string[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    let link = match[0];
    // Sentence punctuation after a URL is not part of it; a ")" only if it does not close a "(" inside.
    while (/[.,;:!?\]]$/.test(link) || (link.endsWith(")") && count(link, "(") < count(link, ")"))) {
      link = link.slice(0, -1);
    }
    if (!links.includes(link)) links.push(link);
  }
  return links;
}

function count(value: string, char: string): number {
  return value.split(char).length - 1;
}

function toAddress(recipient: string): string {
  const match = /<([^>]+)>/.exec(recipient);
  return (match?.[1] ?? recipient).trim().toLowerCase();
}

async function resolveDir(dir: string | undefined): Promise<string> {
  if (dir) return dir;
  // Loaded only when no directory is given, i.e. inside the app itself.
  const { env } = await import("@/lib/env");
  return getOutboxDir(env.dataDir);
}

async function readOutboxFile(dir: string, name: string): Promise<OutboxMail | null> {
  const file = path.join(dir, name);
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch (error) {
    // Pruned between listing and reading.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = outboxFileSchema.safeParse(json);
  if (!parsed.success) return null;
  return { ...parsed.data, file, links: extractLinks(parsed.data.text) };
}

/** Outbox mails, newest first, optionally only those to one address (case-insensitive). */
export async function listOutbox(options: { to?: string; limit?: number; dir?: string } = {}): Promise<OutboxMail[]> {
  const dir = await resolveDir(options.dir);
  const limit = options.limit ?? 50;
  const wanted = options.to === undefined ? undefined : toAddress(options.to);
  let names: string[];
  try {
    // The outbox is a runtime data directory, not part of the build output.
    names = await readdir(/* turbopackIgnore: true */ dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const files = names
    .filter((name) => name.endsWith(".json"))
    .sort()
    .reverse();
  const mails: OutboxMail[] = [];
  for (const name of files) {
    if (mails.length >= limit) break;
    const mail = await readOutboxFile(dir, name);
    if (!mail) continue;
    if (wanted !== undefined && toAddress(mail.to) !== wanted) continue;
    mails.push(mail);
  }
  return mails;
}

/** The newest mail to `to` whose subject contains `subjectIncludes` (case-insensitive), or null. */
export async function readLatestMail(options: { to: string; subjectIncludes?: string; dir?: string }): Promise<OutboxMail | null> {
  const needle = options.subjectIncludes?.toLowerCase();
  const mails = await listOutbox({ to: options.to, dir: options.dir, limit: OUTBOX_MAX_FILES });
  return mails.find((mail) => needle === undefined || mail.subject.toLowerCase().includes(needle)) ?? null;
}
