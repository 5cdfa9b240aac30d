import { VerifyEmailBanner } from "@/components/auth/verify-email-banner";
import { AppShell } from "@/components/layout/app-shell";
import { InstallButton } from "@/components/pwa/install-button";
import { PwaSession } from "@/components/pwa/pwa-provider";
import { requireUser } from "@/lib/auth/guards";
import { pwaUserKey } from "@/lib/pwa/user-key";

export default async function SignedInLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // Layouts are not re-run on client navigation: every page and action still calls its own guard.
  const auth = await requireUser();
  return (
    <AppShell user={{ name: auth.name, email: auth.email, isAdmin: auth.role === "admin" }} topBarActions={<InstallButton />}>
      <PwaSession userKey={pwaUserKey(auth.userId)} />
      {auth.emailVerified ? null : <VerifyEmailBanner email={auth.email} />}
      {children}
    </AppShell>
  );
}
