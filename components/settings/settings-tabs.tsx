"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { cn } from "@/lib/utils";

const TABS = [
  { id: "profile", label: "Profile", href: "/settings/profile" },
  { id: "security", label: "Security", href: "/settings/security" },
  { id: "sessions", label: "Sessions", href: "/settings/sessions" },
  { id: "exchange-keys", label: "Exchange keys", href: "/settings/exchange-keys" },
] as const;

// Links, not ARIA tabs: each section is its own page with its own URL.
export function SettingsTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings sections" className="border-b">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {TABS.map((tab) => {
          const isActive = pathname === tab.href || pathname.startsWith(`${tab.href}/`);
          return (
            <li key={tab.id}>
              <Link
                href={tab.href}
                aria-current={isActive ? "page" : undefined}
                data-testid={`settings-tab-${tab.id}`}
                className={cn(
                  "inline-flex h-10 items-center border-b-2 px-4 text-sm font-medium whitespace-nowrap transition-colors outline-hidden focus-visible:ring-2 focus-visible:ring-ring",
                  isActive
                    ? "border-primary text-foreground"
                    : "border-transparent text-muted-foreground hover:border-border hover:text-foreground",
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
