import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { AuthCard } from "@/components/auth/auth-card";
import { RegisterForm } from "@/components/auth/register-form";
import { getCurrentAuth } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Create account" };

export default async function RegisterPage() {
  if (await getCurrentAuth()) redirect("/dashboard");
  return (
    <AuthCard
      title="Create your TradePulse account"
      description="We will send you a link to confirm your email address."
    >
      <RegisterForm />
    </AuthCard>
  );
}
