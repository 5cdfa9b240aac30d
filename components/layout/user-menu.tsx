"use client";

import Link from "next/link";
import { useFormStatus } from "react-dom";
import { LogOut, Settings, ShieldCheck } from "lucide-react";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { logoutAction } from "@/lib/auth/actions";
import { clearUserData } from "@/lib/pwa/client";

export type ShellUser = { name: string | null; email: string; isAdmin?: boolean };

export function getInitials(user: ShellUser): string {
  const words = (user.name ?? "").trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0];
  const last = words.length > 1 ? words[words.length - 1]?.[0] : undefined;
  const initials = first ? `${first}${last ?? ""}` : (user.email[0] ?? "?");
  return initials.toUpperCase();
}

export function UserMenu({ user }: { user?: ShellUser }) {
  if (!user) {
    return (
      <Button asChild variant="outline" size="sm">
        <Link href="/login">Sign in</Link>
      </Button>
    );
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" className="rounded-full" data-testid="user-menu-trigger">
          <span
            aria-hidden="true"
            className="flex size-8 items-center justify-center rounded-full bg-primary text-xs font-semibold text-primary-foreground"
          >
            {getInitials(user)}
          </span>
          <span className="sr-only">Account menu for {user.email}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60" data-testid="user-menu">
        <DropdownMenuLabel className="flex flex-col gap-0.5">
          {user.name ? <span className="truncate">{user.name}</span> : null}
          <span className="truncate text-xs font-normal text-muted-foreground" data-testid="user-menu-email">
            {user.email}
          </span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/settings/profile">
            <Settings aria-hidden="true" />
            Settings
          </Link>
        </DropdownMenuItem>
        {user.isAdmin ? (
          <DropdownMenuItem asChild>
            <Link href="/admin" data-testid="user-menu-admin">
              <ShieldCheck aria-hidden="true" />
              Admin
            </Link>
          </DropdownMenuItem>
        ) : null}
        {/* Sign-out is a POST (a server action): a link could be prefetched or triggered cross-site.
            On submit, the pages and data kept on this device for offline use are wiped (lib/pwa/client.ts). */}
        <form action={logoutAction} onSubmit={() => void clearUserData()}>
          <SignOutItem />
        </form>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

function SignOutItem() {
  const { pending } = useFormStatus();
  return (
    // Keep the menu open on select so the button stays mounted while the form submits.
    <DropdownMenuItem asChild disabled={pending} onSelect={(event) => event.preventDefault()}>
      <button type="submit" className="w-full" data-testid="sign-out">
        <LogOut aria-hidden="true" />
        {pending ? "Signing out…" : "Sign out"}
      </button>
    </DropdownMenuItem>
  );
}
