import path from "node:path";

import { listOutbox, type OutboxMail } from "../../lib/mail/outbox";

// The server under test writes one JSON file per email here (the same directory as E2E_DATA_DIR in
// playwright.config.ts, which is not imported: loading the config outside the runner wipes the data).
export const E2E_OUTBOX_DIR = path.resolve(".data/e2e", "outbox");

type WaitForMailOptions = {
  to: string;
  subjectIncludes?: string;
  /** Only mail created at or after this time: the newest file for a recipient may be an older message. */
  since?: Date;
  timeoutMs?: number;
};

/** Polls the outbox for the newest matching mail. */
export async function waitForMail({ to, subjectIncludes, since, timeoutMs = 15_000 }: WaitForMailOptions): Promise<OutboxMail> {
  const needle = subjectIncludes?.toLowerCase();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await listOutbox({ to, dir: E2E_OUTBOX_DIR, limit: 50 });
    const match = mails.find(
      (mail) =>
        (needle === undefined || mail.subject.toLowerCase().includes(needle)) &&
        (since === undefined || new Date(mail.createdAt).getTime() >= since.getTime()),
    );
    if (match) return match;
    if (Date.now() > deadline) {
      throw new Error(`No mail to ${to}${needle ? ` with "${subjectIncludes}" in the subject` : ""} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The first link in the mail's text whose path is `pathname`. */
export function findLink(mail: OutboxMail, pathname: string): string {
  const link = mail.links.find((candidate) => new URL(candidate).pathname === pathname);
  if (!link) throw new Error(`No ${pathname} link in "${mail.subject}": ${mail.links.join(", ") || "no links"}`);
  return link;
}
