import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { env } from "@/lib/env";
import { getOutboxDir, listOutbox } from "@/lib/mail/outbox";

// Development only: the outbox holds live verification and reset links for every account.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Mailbox (development)", robots: { index: false, follow: false } };

const MAX_SHOWN = 100;

const formatTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium" });

export default async function DevMailboxPage() {
  if (env.isProduction) notFound();
  const dir = getOutboxDir(env.dataDir);
  const mails = await listOutbox({ dir, limit: MAX_SHOWN });

  return (
    <main className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-8 sm:px-6">
      <PageHeader
        title="Mailbox"
        description={
          env.smtpUrl
            ? "SMTP_URL is set, so new mail is sent over SMTP; earlier outbox mail is listed below."
            : `Mail the app would send, newest first (at most ${MAX_SHOWN}). Set SMTP_URL to send real email.`
        }
      />
      {mails.length === 0 ? (
        <Card data-testid="mailbox-empty">
          <CardContent>
            <p className="text-sm text-muted-foreground">
              No mail yet. Messages appear here and in <code className="font-mono break-all">{dir}</code> as they are sent.
            </p>
          </CardContent>
        </Card>
      ) : (
        <ol className="flex flex-col gap-4" aria-label="Messages, newest first">
          {mails.map((mail) => (
            <li key={mail.id}>
              <Card data-testid="mailbox-message" className="gap-4">
                <CardHeader>
                  <CardTitle as="h2" className="break-words">
                    {mail.subject}
                  </CardTitle>
                  <CardDescription className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <span>
                      To <span className="font-medium text-foreground">{mail.to}</span>
                    </span>
                    <time dateTime={mail.createdAt}>{formatTime.format(new Date(mail.createdAt))}</time>
                    {mail.tag ? <Badge variant="secondary">{mail.tag}</Badge> : null}
                  </CardDescription>
                </CardHeader>
                <CardContent className="flex flex-col gap-4">
                  {mail.links.length > 0 ? (
                    <ul className="flex flex-col gap-1 text-sm" aria-label="Links in this message">
                      {mail.links.map((link) => (
                        <li key={link}>
                          <a href={link} data-testid="mailbox-link" className="break-all text-primary underline underline-offset-4">
                            {link}
                          </a>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <pre className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs whitespace-pre-wrap break-words">{mail.text}</pre>
                  <details className="text-sm">
                    <summary className="cursor-pointer text-muted-foreground">HTML part</summary>
                    {/* An empty sandbox: no scripts, no same-origin access, even if a template were broken. */}
                    <iframe
                      title={`HTML part of "${mail.subject}"`}
                      sandbox=""
                      srcDoc={mail.html}
                      className="mt-2 h-96 w-full rounded-md border bg-white"
                    />
                  </details>
                </CardContent>
              </Card>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
