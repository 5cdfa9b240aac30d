import type { Metadata } from "next";

import { AdminTabs } from "@/components/admin/admin-tabs";
import { AppShell } from "@/components/layout/app-shell";
import { PageHeader } from "@/components/layout/page-header";
import { requireAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: { template: "%s · Admin · TradePulse", default: "Admin · TradePulse" } };

export default async function AdminLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // Layouts are not re-run on client navigation: every admin page and action calls requireAdmin() too.
  const auth = await requireAdmin();
  return (
    <AppShell user={{ name: auth.name, email: auth.email, isAdmin: true }}>
      <div className="flex flex-col gap-6">
        <PageHeader title="Administration" description="Accounts, plans, blocked addresses and the audit trail of this server." />
        <AdminTabs />
        <div className="flex flex-col gap-6">{children}</div>
      </div>
    </AppShell>
  );
}
