import * as React from "react";
import Link from "next/link";

import { BottomNav } from "@/components/layout/bottom-nav";
import { Logo, LogoMark } from "@/components/layout/logo";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { PageTitle } from "@/components/layout/page-title";
import { SidebarNav } from "@/components/layout/sidebar-nav";
import { ThemeToggle } from "@/components/layout/theme-toggle";
import { UserMenu, type ShellUser } from "@/components/layout/user-menu";

type AppShellProps = {
  user?: ShellUser;
  // Extra controls for the top bar (placed before the theme toggle), e.g. a live-connection indicator.
  topBarActions?: React.ReactNode;
  children: React.ReactNode;
};

export function AppShell({ user, topBarActions, children }: AppShellProps) {
  return (
    <div className="min-h-dvh bg-background">
      <a
        href="#main-content"
        className="sr-only rounded-md bg-primary px-4 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-[60]"
      >
        Skip to content
      </a>

      <aside
        data-testid="sidebar"
        className="fixed inset-y-0 left-0 z-30 hidden w-60 flex-col border-r bg-card md:flex"
      >
        <div className="flex h-14 shrink-0 items-center border-b px-5">
          <Link
            href="/dashboard"
            className="rounded-md outline-hidden focus-visible:ring-2 focus-visible:ring-ring"
          >
            <Logo />
          </Link>
        </div>
        <SidebarNav />
      </aside>

      <div className="flex min-h-dvh flex-col md:pl-60">
        <header className="sticky top-0 z-20 flex h-14 shrink-0 items-center gap-2 border-b bg-background px-4 md:px-6">
          <Link
            href="/dashboard"
            className="rounded-md outline-hidden focus-visible:ring-2 focus-visible:ring-ring md:hidden"
            aria-label="TradePulse"
          >
            <LogoMark />
          </Link>
          <div className="min-w-0 flex-1">
            <PageTitle />
          </div>
          {topBarActions}
          {user ? <NotificationBell /> : null}
          <ThemeToggle />
          <UserMenu user={user} />
        </header>

        <main id="main-content" tabIndex={-1} className="flex-1 px-4 pt-6 pb-24 outline-hidden md:px-6 md:pb-8">
          <div className="mx-auto w-full max-w-7xl">{children}</div>
        </main>
      </div>

      <BottomNav />
    </div>
  );
}
