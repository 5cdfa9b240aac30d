import type { Metadata } from "next";

import { SessionsList } from "@/components/settings/sessions-list";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/guards";
import { listSessions } from "@/lib/auth/sessions";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsSettingsPage() {
  const auth = await requireUser();
  const sessions = await listSessions({ userId: auth.userId, currentSessionId: auth.sessionId });

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Signed-in devices</CardTitle>
        <CardDescription>
          Browsers and apps signed in to your account. Sign out any you do not recognise, then change your password.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <SessionsList
          sessions={sessions.map((session) => ({
            id: session.id,
            kind: session.kind,
            device: session.deviceName ?? session.userAgent ?? "Unknown device",
            userAgent: session.userAgent,
            ipAddress: session.ipAddress,
            createdAt: session.createdAt.toISOString(),
            lastSeenAt: session.lastSeenAt.toISOString(),
            isCurrent: session.isCurrent,
          }))}
        />
      </CardContent>
    </Card>
  );
}
