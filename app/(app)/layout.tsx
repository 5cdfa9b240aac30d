import { VerifyEmailBanner } from "@/components/auth/verify-email-banner";
import { AppShell } from "@/components/layout/app-shell";
import { requireUser } from "@/lib/auth/guards";

export default async function SignedInLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // Layouts are not re-run on client navigation: every page and action still calls its own guard.
  const auth = await requireUser();
  return (
    <AppShell user={{ name: auth.name, email: auth.email }}>
      {auth.emailVerified ? null : <VerifyEmailBanner email={auth.email} />}
      {children}
    </AppShell>
  );
}
