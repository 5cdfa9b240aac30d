"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { LoaderCircle, UserCog } from "lucide-react";
import { toast } from "sonner";

import { FieldError, FormError } from "@/components/auth/form-messages";
import { NativeSelect } from "@/components/admin/native-select";
import { formatUtc } from "@/components/settings/format";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { updateUserAction } from "@/lib/admin/actions";
import type { UpdateUserInput } from "@/lib/admin/schemas";
import { TIER_LIMITS, TIERS } from "@/lib/tiers";

export type EditableUser = {
  id: string;
  email: string;
  name: string | null;
  role: "user" | "admin";
  tier: (typeof TIERS)[number];
  tierExpiresAt: string | null;
  isBlocked: boolean;
  blockedReason: string | null;
  blockedAt: string | null;
  emailVerified: boolean;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
};

// The expiry is picked as a day and ends with it, in UTC, so every administrator reads the same date.
const endOfUtcDay = (day: string) => `${day}T23:59:59.999Z`;

type FieldErrors = Partial<Record<"tier" | "tierExpiresAt" | "role" | "blockReason", string>>;

export function UserEditDialog({ user, isSelf }: { user: EditableUser; isSelf: boolean }) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const [isPending, startTransition] = useTransition();
  const [tier, setTier] = useState(user.tier);
  const [expiryDay, setExpiryDay] = useState(user.tierExpiresAt?.slice(0, 10) ?? "");
  const [role, setRole] = useState(user.role);
  const [isBlocked, setIsBlocked] = useState(user.isBlocked);
  const [reason, setReason] = useState(user.blockedReason ?? "");
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const reset = () => {
    setTier(user.tier);
    setExpiryDay(user.tierExpiresAt?.slice(0, 10) ?? "");
    setRole(user.role);
    setIsBlocked(user.isBlocked);
    setReason(user.blockedReason ?? "");
    setFormError(null);
    setFieldErrors({});
  };

  const changes = (): UpdateUserInput => {
    const next: Record<string, unknown> = {};
    if (tier !== user.tier) next.tier = tier;
    if (tier !== "free" && expiryDay !== (user.tierExpiresAt?.slice(0, 10) ?? "")) next.tierExpiresAt = expiryDay ? endOfUtcDay(expiryDay) : null;
    if (role !== user.role) next.role = role;
    if (isBlocked !== user.isBlocked) {
      next.isBlocked = isBlocked;
      if (isBlocked) next.blockReason = reason.trim();
    } else if (isBlocked && reason.trim() !== (user.blockedReason ?? "")) {
      next.blockReason = reason.trim();
    }
    return next as UpdateUserInput;
  };

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    setFormError(null);
    setFieldErrors({});
    const payload = changes();
    if (Object.keys(payload).length === 0) {
      setFormError("Nothing changed.");
      return;
    }
    if (payload.isBlocked && !payload.blockReason) {
      setFieldErrors({ blockReason: "Give a reason for the block." });
      return;
    }
    startTransition(async () => {
      const result = await updateUserAction({ userId: user.id, changes: payload });
      if (!result.ok) {
        const errors: FieldErrors = {};
        for (const detail of result.error.details ?? []) {
          const field = detail.field.replace(/^changes\./, "") as keyof FieldErrors;
          if (["tier", "tierExpiresAt", "role", "blockReason"].includes(field)) errors[field] ??= detail.message;
        }
        setFieldErrors(errors);
        if (Object.keys(errors).length === 0) setFormError(result.error.message);
        return;
      }
      toast.success(`Saved ${result.data.email}.`);
      setIsOpen(false);
      router.refresh();
    });
  };

  return (
    <Dialog
      open={isOpen}
      onOpenChange={(open) => {
        if (open) reset();
        setIsOpen(open);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" data-testid="user-edit-open" aria-label={`Manage ${user.email}`}>
          <UserCog aria-hidden="true" />
          Manage
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg" data-testid="user-edit-dialog">
        <DialogHeader>
          <DialogTitle className="truncate">{user.name ?? user.email}</DialogTitle>
          <DialogDescription className="truncate">{user.email}</DialogDescription>
        </DialogHeader>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs text-muted-foreground">
          <dt>Registered</dt>
          <dd className="text-foreground">{formatUtc(user.createdAt)}</dd>
          <dt>Last sign-in</dt>
          <dd className="text-foreground">{user.lastLoginAt ? formatUtc(user.lastLoginAt) : "never"}</dd>
          <dt>Email</dt>
          <dd className="text-foreground">{user.emailVerified ? "verified" : "not verified"}</dd>
          <dt>Two-factor</dt>
          <dd className="text-foreground">{user.totpEnabled ? "on" : "off"}</dd>
        </dl>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-busy={isPending} data-testid="user-edit-form">
          <FormError>{formError}</FormError>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="flex flex-col gap-2">
              <Label htmlFor={`tier-${user.id}`}>Plan</Label>
              <NativeSelect id={`tier-${user.id}`} value={tier} onChange={(e) => setTier(e.target.value as EditableUser["tier"])} disabled={isPending} data-testid="user-edit-tier">
                {TIERS.map((value) => (
                  <option key={value} value={value}>
                    {TIER_LIMITS[value].label}
                  </option>
                ))}
              </NativeSelect>
              <FieldError id={`tier-${user.id}-error`} message={fieldErrors.tier} />
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor={`expiry-${user.id}`}>Plan ends (UTC day)</Label>
              <Input
                id={`expiry-${user.id}`}
                type="date"
                value={tier === "free" ? "" : expiryDay}
                onChange={(e) => setExpiryDay(e.target.value)}
                disabled={isPending || tier === "free"}
                aria-invalid={fieldErrors.tierExpiresAt ? true : undefined}
                aria-describedby={`expiry-${user.id}-hint`}
                data-testid="user-edit-expiry"
              />
              <p id={`expiry-${user.id}-hint`} className="text-xs text-muted-foreground">
                {tier === "free" ? "The free plan does not expire." : "Empty: never. After this day the account falls back to Free."}
              </p>
              <FieldError id={`expiry-${user.id}-error`} message={fieldErrors.tierExpiresAt} />
            </div>
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor={`role-${user.id}`}>Role</Label>
            <NativeSelect id={`role-${user.id}`} value={role} onChange={(e) => setRole(e.target.value as EditableUser["role"])} disabled={isPending || isSelf} data-testid="user-edit-role">
              <option value="user">User</option>
              <option value="admin">Administrator</option>
            </NativeSelect>
            {isSelf ? <p className="text-xs text-muted-foreground">You cannot remove your own administrator role or block yourself.</p> : null}
            <FieldError id={`role-${user.id}-error`} message={fieldErrors.role} />
          </div>
          <fieldset className="flex flex-col gap-2 rounded-md border p-3" disabled={isPending || isSelf}>
            <legend className="px-1 text-sm font-medium">Access</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={isBlocked} onChange={(e) => setIsBlocked(e.target.checked)} className="size-4 accent-destructive" data-testid="user-edit-blocked" />
              Block this account (signs it out everywhere at once)
            </label>
            {isBlocked ? (
              <div className="flex flex-col gap-2">
                <Label htmlFor={`reason-${user.id}`}>Reason (kept in the audit log)</Label>
                <Textarea
                  id={`reason-${user.id}`}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  maxLength={500}
                  rows={2}
                  aria-invalid={fieldErrors.blockReason ? true : undefined}
                  data-testid="user-edit-reason"
                />
                <FieldError id={`reason-${user.id}-error`} message={fieldErrors.blockReason} />
              </div>
            ) : null}
          </fieldset>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setIsOpen(false)} disabled={isPending}>
              Cancel
            </Button>
            <Button type="submit" disabled={isPending} data-testid="user-edit-save">
              {isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
