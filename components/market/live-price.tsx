"use client";

import type { ComponentProps } from "react";

import { cn } from "@/lib/utils";

import { formatPct, formatPrice, TREND_ARROW, TREND_TEXT_CLASS, trendOf } from "./format";
import styles from "./price-flash.module.css";
import type { LiveTicker } from "./use-market-stream";

/** The last price; it flashes green or red for a moment each time it moves. */
export function LivePrice({
  ticker,
  className,
  ...props
}: { ticker: Pick<LiveTicker, "last" | "lastMove"> | undefined; className?: string } & Omit<ComponentProps<"span">, "children">) {
  const text = formatPrice(ticker?.last);
  const flash = ticker?.lastMove === "up" ? styles.up : ticker?.lastMove === "down" ? styles.down : undefined;
  return (
    <span className={cn("inline-block rounded-sm px-1 tabular-nums", className)} {...props}>
      {/* A new key per price restarts the flash animation; an unchanged price keeps the element. */}
      <span key={text} className={cn("-mx-1 rounded-sm px-1", flash)}>
        {text}
      </span>
    </span>
  );
}

/** "▲ +1.23%" / "▼ −0.45%": the arrow and the sign say what the colour says. */
export function PriceChange({ pct, className }: { pct: number | null | undefined; className?: string }) {
  const trend = trendOf(pct);
  return (
    <span className={cn("inline-flex items-center gap-1 tabular-nums", TREND_TEXT_CLASS[trend], className)}>
      <span aria-hidden="true" className="text-[0.7em]">
        {TREND_ARROW[trend]}
      </span>
      {formatPct(pct)}
    </span>
  );
}
