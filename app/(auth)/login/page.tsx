import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { AuthCard } from "@/components/auth/auth-card";
import { FormSuccess } from "@/components/auth/form-messages";
import { LoginForm } from "@/components/auth/login-form";
import { getCurrentAuth } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Only same-site paths: an absolute or protocol-relative URL here would be an open redirect.
function toSafePath(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")
    ? value
    : undefined;
}

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const redirectTo = toSafePath(params.redirectTo);
  if (await getCurrentAuth()) redirect(redirectTo ?? "/dashboard");

  return (
    <AuthCard title="Sign in to TradePulse" description="Welcome back. Enter your email and password to continue.">
      {params.reset === "1" ? (
        <FormSuccess className="mb-4" data-testid="reset-success">
          Your password was changed and every session was signed out. Sign in with your new password.
        </FormSuccess>
      ) : null}
      <LoginForm redirectTo={redirectTo} />
    </AuthCard>
  );
}
