import * as React from "react";
import { CircleAlert, CircleCheck } from "lucide-react";

import { cn } from "@/lib/utils";

export function FormError({ children, className, ...props }: React.ComponentProps<"div">) {
  // Children may be an array of nulls (conditional parts); only real content shows the alert.
  if (React.Children.toArray(children).length === 0) return null;
  return (
    <div
      role="alert"
      data-testid="form-error"
      className={cn(
        "flex items-start gap-2 rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive",
        className,
      )}
      {...props}
    >
      <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}

export function FormSuccess({ children, className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      role="status"
      className={cn("flex items-start gap-2 rounded-md border border-up/40 bg-up/10 px-3 py-2 text-sm text-foreground", className)}
      {...props}
    >
      <CircleCheck className="mt-0.5 size-4 shrink-0 text-up" aria-hidden="true" />
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="text-sm text-destructive" data-testid={id}>
      {message}
    </p>
  );
}
