"use client";

import Link from "next/link";

import { Button } from "@/components/ui/button";

function getDigest(error: unknown): string | undefined {
  if (error instanceof Error && "digest" in error && typeof error.digest === "string") return error.digest;
  return undefined;
}

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void; reset: () => void }) {
  const digest = getDigest(error);
  return (
    <main className="flex min-h-[60dvh] flex-col items-center justify-center gap-6 px-6 py-16 text-center">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
        <p className="max-w-md text-muted-foreground">
          This page could not be shown. Trying again often helps; if it keeps failing, the server log has the details.
        </p>
        {digest ? (
          <p className="text-xs text-muted-foreground">
            Reference: <code className="font-mono">{digest}</code>
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap justify-center gap-3">
        <Button onClick={() => retry()}>Try again</Button>
        <Button asChild variant="outline">
          <Link href="/">Go to the home page</Link>
        </Button>
      </div>
    </main>
  );
}
