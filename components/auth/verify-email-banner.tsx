"use client";

import { useState, useTransition } from "react";
import { MailWarning, X } from "lucide-react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { resendVerificationAction } from "@/lib/auth/actions";

export function VerifyEmailBanner({ email }: { email: string }) {
  const [isDismissed, setIsDismissed] = useState(false);
  const [isSent, setIsSent] = useState(false);
  const [isPending, startTransition] = useTransition();

  if (isDismissed) return null;

  const resend = () => {
    startTransition(async () => {
      const result = await resendVerificationAction();
      if (result.ok) {
        setIsSent(true);
        toast.success(`We sent a new verification link to ${email}.`);
      } else {
        toast.error(result.error.message);
      }
    });
  };

  return (
    <div
      role="region"
      aria-label="Email verification"
      className="mb-6 flex flex-col gap-3 rounded-lg border border-warning/50 bg-warning/10 px-4 py-3 text-sm sm:flex-row sm:items-center"
      data-testid="verify-banner"
    >
      <MailWarning className="hidden size-5 shrink-0 text-warning sm:block" aria-hidden="true" />
      <p className="min-w-0 flex-1">
        Please verify your email address. We sent a link to <span className="font-medium">{email}</span>
        {isSent ? "; a new one is on its way." : "."}
      </p>
      <div className="flex items-center gap-2">
        <Button size="sm" variant="outline" onClick={resend} disabled={isPending || isSent} data-testid="verify-resend">
          {isPending ? "Sending…" : isSent ? "Sent" : "Resend verification email"}
        </Button>
        <Button
          size="icon-sm"
          variant="ghost"
          onClick={() => setIsDismissed(true)}
          aria-label="Dismiss"
          data-testid="verify-banner-dismiss"
        >
          <X aria-hidden="true" />
        </Button>
      </div>
    </div>
  );
}
