"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { cn } from "@/lib/utils";

const TABS = [
  { id: "overview", label: "Overview", href: "/admin", exact: true },
  { id: "users", label: "Users", href: "/admin/users", exact: false },
  { id: "blocked-ips", label: "Blocked addresses", href: "/admin/blocked-ips", exact: false },
  { id: "audit", label: "Audit log", href: "/admin/audit", exact: false },
] as const;

export function AdminTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin sections" className="border-b">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {TABS.map((tab) => {
          const isActive = tab.exact ? pathname === tab.href : pathname === tab.href || pathname.startsWith(`${tab.href}/`);
          return (
            <li key={tab.id}>
              <Link
                href={tab.href}
                aria-current={isActive ? "page" : undefined}
                data-testid={`admin-tab-${tab.id}`}
                className={cn(
                  "inline-flex h-10 items-center border-b-2 px-4 text-sm font-medium whitespace-nowrap transition-colors outline-hidden focus-visible:ring-2 focus-visible:ring-ring",
                  isActive ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:border-border hover:text-foreground",
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
