"use client";

import { usePathname } from "next/navigation";

import { findActiveNavItem } from "@/components/layout/nav-items";

// The section name in the top bar; each page still renders its own <h1> (see PageHeader).
export function PageTitle() {
  const pathname = usePathname();
  const item = findActiveNavItem(pathname);
  return (
    <p className="truncate text-base font-semibold" data-testid="top-bar-title">
      {item?.label ?? "TradePulse"}
    </p>
  );
}
