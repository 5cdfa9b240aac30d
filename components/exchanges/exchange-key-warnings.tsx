import { TriangleAlert } from "lucide-react";

import { cn } from "@/lib/utils";

/** The risks the connection test found (withdrawal permission, no IP restriction), shown where they cannot be missed. */
export function ExchangeKeyWarnings({ warnings, className }: { warnings: readonly string[]; className?: string }) {
  if (warnings.length === 0) return null;
  return (
    <ul
      className={cn(
        "flex flex-col gap-1.5 rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm text-foreground",
        className,
      )}
      data-testid="exchange-key-warnings"
    >
      {warnings.map((warning) => (
        <li key={warning} className="flex items-start gap-2">
          <TriangleAlert className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden="true" />
          <span className="min-w-0 whitespace-normal">
            <span className="sr-only">Warning: </span>
            {warning}
          </span>
        </li>
      ))}
    </ul>
  );
}
