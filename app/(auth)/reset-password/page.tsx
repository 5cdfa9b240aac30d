import type { Metadata } from "next";
import Link from "next/link";

import { AuthCard } from "@/components/auth/auth-card";
import { FormError } from "@/components/auth/form-messages";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const { token } = await searchParams;
  return (
    <AuthCard title="Choose a new password" description="Every session of your account is signed out when the password changes.">
      {typeof token === "string" && token.length > 0 ? (
        <ResetPasswordForm token={token} />
      ) : (
        <FormError>
          This page needs the link from the reset email.{" "}
          <Link href="/forgot-password" className="font-medium underline underline-offset-4" data-testid="reset-request-new">
            Request a new link
          </Link>
          .
        </FormError>
      )}
    </AuthCard>
  );
}
