import Link from "next/link";

import { Logo } from "@/components/layout/logo";
import { ThemeToggle } from "@/components/layout/theme-toggle";

export default function MarketingLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-20 border-b bg-background">
        <div className="mx-auto flex h-16 w-full max-w-6xl items-center gap-4 px-4 sm:px-6">
          <Link href="/" className="rounded-md outline-hidden focus-visible:ring-2 focus-visible:ring-ring">
            <Logo />
          </Link>
          <nav aria-label="Page sections" className="ml-auto hidden items-center gap-1 text-sm sm:flex">
            <Link
              href="/#features"
              className="rounded-md px-3 py-2 text-muted-foreground transition-colors outline-hidden hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
            >
              Features
            </Link>
            <Link
              href="/#self-host"
              className="rounded-md px-3 py-2 text-muted-foreground transition-colors outline-hidden hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
            >
              Self-host
            </Link>
            <Link
              href="/pricing"
              className="rounded-md px-3 py-2 text-muted-foreground transition-colors outline-hidden hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
              data-testid="nav-pricing"
            >
              Plans
            </Link>
          </nav>
          <div className="ml-auto sm:ml-0">
            <ThemeToggle />
          </div>
        </div>
      </header>
      <div className="flex-1">{children}</div>
      <footer className="border-t">
        <div className="mx-auto flex w-full max-w-6xl flex-col gap-2 px-4 py-8 text-sm text-muted-foreground sm:px-6">
          <p>
            <span className="font-semibold text-foreground">TradePulse</span> runs on your own server. Your exchange
            keys never leave it in clear.
          </p>
          <p>
            Trading crypto assets is risky. Signals, robot strategies and AI analysis are tools, not financial advice.
          </p>
        </div>
      </footer>
    </div>
  );
}
