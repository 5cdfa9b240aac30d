"use client";

import { useState } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Ellipsis } from "lucide-react";

import { cn } from "@/lib/utils";
import { isNavItemActive, navItems } from "@/components/layout/nav-items";
import {
  Sheet,
  SheetClose,
  SheetContent,
  SheetDescription,
  SheetHeader,
  SheetTitle,
  SheetTrigger,
} from "@/components/ui/sheet";

const primaryItems = navItems.filter((item) => item.isPrimary);
const moreItems = navItems.filter((item) => !item.isPrimary);

const tabClasses =
  "flex min-w-0 flex-1 flex-col items-center justify-center gap-1 rounded-md px-1 py-1.5 text-[11px] leading-none font-medium transition-colors outline-hidden focus-visible:ring-2 focus-visible:ring-ring";

export function BottomNav() {
  const pathname = usePathname();
  const [isMoreOpen, setIsMoreOpen] = useState(false);
  const isMoreActive = moreItems.some((item) => isNavItemActive(item, pathname));

  return (
    <nav
      aria-label="Main (mobile)"
      data-testid="bottom-nav"
      className="fixed inset-x-0 bottom-0 z-40 border-t bg-background pb-[env(safe-area-inset-bottom)] md:hidden"
    >
      <ul className="flex h-16 items-stretch gap-1 px-1 py-1">
        {primaryItems.map((item) => {
          const isActive = isNavItemActive(item, pathname);
          const Icon = item.icon;
          return (
            <li key={item.id} className="flex min-w-0 flex-1">
              <Link
                href={item.href}
                data-testid={`nav-${item.id}`}
                aria-current={isActive ? "page" : undefined}
                className={cn(tabClasses, isActive ? "text-primary" : "text-muted-foreground hover:text-foreground")}
              >
                <Icon className="size-5 shrink-0" aria-hidden="true" />
                <span className="max-w-full truncate">{item.label}</span>
              </Link>
            </li>
          );
        })}
        <li className="flex min-w-0 flex-1">
          <Sheet open={isMoreOpen} onOpenChange={setIsMoreOpen}>
            <SheetTrigger
              data-testid="bottom-nav-more"
              className={cn(tabClasses, isMoreActive ? "text-primary" : "text-muted-foreground hover:text-foreground")}
            >
              <Ellipsis className="size-5 shrink-0" aria-hidden="true" />
              <span>More</span>
            </SheetTrigger>
            <SheetContent side="bottom" data-testid="more-sheet">
              <SheetHeader className="pb-0">
                <SheetTitle>More</SheetTitle>
                <SheetDescription className="sr-only">Other sections of TradePulse</SheetDescription>
              </SheetHeader>
              <ul className="grid gap-1 px-2 pb-4">
                {moreItems.map((item) => {
                  const isActive = isNavItemActive(item, pathname);
                  const Icon = item.icon;
                  return (
                    <li key={item.id}>
                      <SheetClose asChild>
                        <Link
                          href={item.href}
                          data-testid={`nav-${item.id}`}
                          aria-current={isActive ? "page" : undefined}
                          className={cn(
                            "flex items-center gap-3 rounded-md px-3 py-3 text-sm font-medium transition-colors outline-hidden focus-visible:ring-2 focus-visible:ring-ring",
                            isActive ? "bg-accent text-accent-foreground" : "hover:bg-accent hover:text-accent-foreground",
                          )}
                        >
                          <Icon className={cn("size-5 shrink-0", isActive && "text-primary")} aria-hidden="true" />
                          {item.label}
                        </Link>
                      </SheetClose>
                    </li>
                  );
                })}
              </ul>
            </SheetContent>
          </Sheet>
        </li>
      </ul>
    </nav>
  );
}
