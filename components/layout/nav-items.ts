import {
  Bell,
  Bot,
  Calculator,
  ChartCandlestick,
  LayoutDashboard,
  NotebookPen,
  Radar,
  Settings,
  Sparkles,
  Wallet,
  type LucideIcon,
} from "lucide-react";

export type NavItem = {
  id: string;
  label: string;
  href: string;
  // Path prefix that marks the item active; differs from href when href is a sub-page (settings).
  match: string;
  icon: LucideIcon;
  // Shown directly in the phone bottom bar; the rest go in the "More" sheet.
  isPrimary: boolean;
  // Sections are switched on as their issues land, so the navigation never leads to a missing page.
  isAvailable: boolean;
};

const allNavItems: readonly NavItem[] = [
  { id: "dashboard", label: "Dashboard", href: "/dashboard", match: "/dashboard", icon: LayoutDashboard, isPrimary: true, isAvailable: true },
  { id: "portfolios", label: "Portfolios", href: "/portfolios", match: "/portfolios", icon: Wallet, isPrimary: true, isAvailable: true },
  { id: "markets", label: "Markets", href: "/markets", match: "/markets", icon: ChartCandlestick, isPrimary: true, isAvailable: true },
  { id: "signals", label: "Signals", href: "/signals", match: "/signals", icon: Radar, isPrimary: true, isAvailable: true },
  { id: "robot", label: "Robot", href: "/robot", match: "/robot", icon: Bot, isPrimary: false, isAvailable: true },
  { id: "journal", label: "Journal", href: "/journal", match: "/journal", icon: NotebookPen, isPrimary: false, isAvailable: true },
  { id: "alerts", label: "Alerts", href: "/alerts", match: "/alerts", icon: Bell, isPrimary: true, isAvailable: true },
  { id: "ai", label: "AI analyst", href: "/ai", match: "/ai", icon: Sparkles, isPrimary: false, isAvailable: true },
  { id: "tools", label: "Tools", href: "/tools/liquidation", match: "/tools", icon: Calculator, isPrimary: false, isAvailable: true },
  { id: "settings", label: "Settings", href: "/settings/profile", match: "/settings", icon: Settings, isPrimary: false, isAvailable: true },
];

export const navItems: readonly NavItem[] = allNavItems.filter((item) => item.isAvailable);

/** Whether a path belongs to a section that exists (for links outside the navigation). */
export function isPathAvailable(href: string): boolean {
  return allNavItems.some((item) => item.isAvailable && (href === item.match || href.startsWith(`${item.match}/`)));
}

export function isNavItemActive(item: NavItem, pathname: string | null): boolean {
  if (!pathname) return false;
  return pathname === item.match || pathname.startsWith(`${item.match}/`);
}

export function findActiveNavItem(pathname: string | null): NavItem | undefined {
  return navItems.find((item) => isNavItemActive(item, pathname));
}
