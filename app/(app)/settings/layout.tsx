import { PageHeader } from "@/components/layout/page-header";
import { SettingsTabs } from "@/components/settings/settings-tabs";

export default function SettingsLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Settings" description="Your profile, sign-in security, signed-in devices and exchange keys." />
      <SettingsTabs />
      <div className="flex flex-col gap-6">{children}</div>
    </div>
  );
}
