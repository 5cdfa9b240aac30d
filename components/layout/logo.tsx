import { cn } from "@/lib/utils";

export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 64 64" aria-hidden="true" focusable="false" className={cn("size-7 shrink-0", className)}>
      <rect width="64" height="64" rx="14" className="fill-primary" />
      <path
        d="M10 36h11l5-13 8 22 6-15 4 6h10"
        fill="none"
        className="stroke-primary-foreground"
        strokeWidth="5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function Logo({ className }: { className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-2 text-lg font-semibold tracking-tight", className)}>
      <LogoMark />
      <span>TradePulse</span>
    </span>
  );
}
