import type { Metadata } from "next";
import Link from "next/link";

import { AuthCard } from "@/components/auth/auth-card";
import { FormError } from "@/components/auth/form-messages";
import { VerifyEmailForm } from "./_components/verify-email-form";

export const metadata: Metadata = { title: "Verify your email", referrer: "no-referrer" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The token is spent by the button's POST, never by this GET: mail scanners open links on their own.
export default async function VerifyEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const { token } = await searchParams;
  return (
    <AuthCard title="Verify your email" description="Confirm that this address belongs to you.">
      {typeof token === "string" && token.length > 0 ? (
        <VerifyEmailForm token={token} />
      ) : (
        <FormError>
          This page needs the link from the verification email. Sign in and use{" "}
          <span className="font-medium">Resend verification email</span> to get a new one.{" "}
          <Link href="/login" className="font-medium underline underline-offset-4">
            Sign in
          </Link>
        </FormError>
      )}
    </AuthCard>
  );
}
