import type { Metadata } from "next";
import { z } from "zod";

import { AuditLog } from "@/components/settings/audit-log";
import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { TwoFactorSettings } from "@/components/settings/two-factor-settings";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { countUnusedBackupCodes, getMe } from "@/lib/auth/accounts";
import { requireUser } from "@/lib/auth/guards";
import { listUserAudit } from "@/lib/audit/queries";

export const metadata: Metadata = { title: "Security settings" };

const AUDIT_PAGE_SIZE = 50;
const pageParamSchema = z.coerce.number().int().min(1).max(10_000).catch(1);

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SecuritySettingsPage({ searchParams }: { searchParams: SearchParams }) {
  const auth = await requireUser();
  const page = pageParamSchema.parse((await searchParams).page);
  const [me, remainingBackupCodes, audit] = await Promise.all([
    getMe({ userId: auth.userId }),
    countUnusedBackupCodes({ userId: auth.userId }),
    listUserAudit({ userId: auth.userId, page, limit: AUDIT_PAGE_SIZE }),
  ]);

  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Password</CardTitle>
          <CardDescription>Changing it signs out every other device and app signed in to your account.</CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm email={me.email} name={me.name} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Two-factor authentication</CardTitle>
          <CardDescription>A second step at sign-in, so a stolen password alone is not enough.</CardDescription>
        </CardHeader>
        <CardContent>
          <TwoFactorSettings isEnabled={me.totpEnabled} remainingBackupCodes={remainingBackupCodes} email={me.email} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2" id="security-log">
            Security log
          </CardTitle>
          <CardDescription>Sign-ins and changes to your account, newest first. Times are in UTC.</CardDescription>
        </CardHeader>
        <CardContent>
          <AuditLog items={audit.items} pagination={audit.pagination} basePath="/settings/security" />
        </CardContent>
      </Card>
    </>
  );
}
