"use client";

import "./globals.css";

// Replaces the root layout, so no theme provider runs here: the page uses the light palette.
export default function GlobalError({ retry }: { error: unknown; retry: () => void; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-background font-sans text-foreground antialiased">
        <title>Something went wrong · TradePulse</title>
        <main className="flex min-h-dvh flex-col items-center justify-center gap-6 px-6 py-16 text-center">
          <div className="flex flex-col gap-2">
            <h1 className="text-2xl font-semibold tracking-tight">TradePulse hit an unexpected error</h1>
            <p className="max-w-md text-muted-foreground">
              The application could not be shown. Try again; if it keeps failing, the server log has the details.
            </p>
          </div>
          <div className="flex flex-wrap justify-center gap-3">
            <button
              type="button"
              onClick={() => retry()}
              className="inline-flex h-10 items-center rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2"
            >
              Try again
            </button>
            {/* A full page load on purpose: the client router may be what broke. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a
              href="/"
              className="inline-flex h-10 items-center rounded-md border border-input px-4 text-sm font-medium focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2"
            >
              Go to the home page
            </a>
          </div>
        </main>
      </body>
    </html>
  );
}
