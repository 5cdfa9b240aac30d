import { AppShell } from "@/components/layout/app-shell";

export default function SignedInLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // Auth guard: added with the accounts issue (issue 3).
  return <AppShell user={undefined}>{children}</AppShell>;
}
