"use client";

import { useState, useTransition } from "react";
import Link from "next/link";

import { FormError, FormSuccess } from "@/components/auth/form-messages";
import { Button } from "@/components/ui/button";
import { verifyEmailAction } from "../actions";

type Outcome = { status: "verified"; email: string } | { status: "failed"; code: string; message: string };

export function VerifyEmailForm({ token }: { token: string }) {
  const [isPending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  if (outcome?.status === "verified") {
    return (
      <div className="flex flex-col gap-4" data-testid="verify-success">
        <FormSuccess>
          <span className="font-medium">{outcome.email}</span> is verified. Thank you.
        </FormSuccess>
        <Button asChild>
          <Link href="/dashboard" data-testid="verify-dashboard">
            Go to the dashboard
          </Link>
        </Button>
      </div>
    );
  }

  const verify = () => {
    setOutcome(null);
    startTransition(async () => {
      const result = await verifyEmailAction({ token });
      setOutcome(
        result.ok
          ? { status: "verified", email: result.data.email }
          : { status: "failed", code: result.error.code, message: result.error.message },
      );
    });
  };

  return (
    <div className="flex flex-col gap-4">
      {outcome?.status === "failed" ? (
        <FormError>
          {outcome.message}{" "}
          {outcome.code === "TOKEN_EXPIRED" || outcome.code === "INVALID_TOKEN" || outcome.code === "VALIDATION_ERROR" ? (
            <>
              Sign in and choose <span className="font-medium">Resend verification email</span> in the banner at the top
              of the page for a new link.{" "}
              <Link href="/dashboard" className="font-medium underline underline-offset-4" data-testid="verify-signin">
                Continue
              </Link>
            </>
          ) : null}
        </FormError>
      ) : (
        <p className="text-sm text-muted-foreground">Press the button to confirm your email address.</p>
      )}
      <Button onClick={verify} disabled={isPending} data-testid="verify-submit">
        {isPending ? "Verifying…" : "Verify my email"}
      </Button>
    </div>
  );
}
