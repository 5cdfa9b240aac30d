"use client";

import type { PasswordPolicyResult } from "@/lib/auth/password-policy";
import { cn } from "@/lib/utils";

export const POLICY_REFUSED = "This password is not accepted yet: see the reasons below.";

const LABELS = ["Very weak", "Weak", "Fair", "Strong", "Very strong"] as const;
const BAR_COLORS = ["bg-destructive", "bg-destructive", "bg-warning", "bg-up", "bg-up"] as const;

type PasswordStrengthProps = {
  id: string;
  password: string;
  result: PasswordPolicyResult | null;
};

/** The live verdict of the same policy the server enforces: score, and why a password is refused. */
export function PasswordStrength({ id, password, result }: PasswordStrengthProps) {
  const isEmpty = password.length === 0;
  const score = result?.score ?? 0;
  const filled = isEmpty || !result ? 0 : score + 1;
  const label = !result ? "Checking…" : result.ok ? LABELS[score] : `${LABELS[score]} · not accepted yet`;

  return (
    <div
      id={id}
      className="flex flex-col gap-2"
      data-testid="password-strength"
      data-score={result && !isEmpty ? score : undefined}
      data-ok={result && !isEmpty ? String(result.ok) : undefined}
    >
      <div className="flex gap-1" aria-hidden="true">
        {[0, 1, 2, 3, 4].map((index) => (
          <span
            key={index}
            className={cn("h-1.5 flex-1 rounded-full bg-muted", index < filled && BAR_COLORS[score])}
          />
        ))}
      </div>
      {isEmpty ? (
        <p className="text-xs text-muted-foreground">
          At least 12 characters. A passphrase of four or more unrelated words works well.
        </p>
      ) : (
        <div aria-live="polite" className="flex flex-col gap-1 text-xs">
          <p className={cn("font-medium", result?.ok ? "text-up" : "text-muted-foreground")}>
            Strength: {label}
            {result ? <span className="sr-only"> (score {score} of 4)</span> : null}
          </p>
          {result && !result.ok ? (
            <ul className="list-disc space-y-0.5 pl-4 text-destructive" data-testid="password-reasons">
              {result.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          ) : null}
          {result && !result.ok && result.suggestions.length > 0 ? (
            <ul className="list-disc space-y-0.5 pl-4 text-muted-foreground">
              {result.suggestions.map((suggestion) => (
                <li key={suggestion}>{suggestion}</li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
    </div>
  );
}
