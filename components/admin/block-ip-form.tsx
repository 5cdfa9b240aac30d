"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { LoaderCircle, ShieldBan } from "lucide-react";
import { toast } from "sonner";

import { FieldError, FormError } from "@/components/auth/form-messages";
import { NativeSelect } from "@/components/admin/native-select";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { blockIpAction } from "@/lib/admin/actions";

const DURATIONS = [
  { value: "60", label: "1 hour" },
  { value: "1440", label: "24 hours" },
  { value: "10080", label: "7 days" },
  { value: "43200", label: "30 days" },
  { value: "never", label: "Until removed" },
] as const;

type Field = "ip" | "reason" | "expiresAt";

export function BlockIpForm() {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [ip, setIp] = useState("");
  const [reason, setReason] = useState("");
  const [duration, setDuration] = useState<string>("1440");
  const [formError, setFormError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    setFormError(null);
    setErrors({});
    const expiresAt = duration === "never" ? null : new Date(Date.now() + Number(duration) * 60_000).toISOString();
    startTransition(async () => {
      const result = await blockIpAction({ ip, reason, expiresAt });
      if (!result.ok) {
        const next: Partial<Record<Field, string>> = {};
        for (const detail of result.error.details ?? []) if (["ip", "reason", "expiresAt"].includes(detail.field)) next[detail.field as Field] ??= detail.message;
        setErrors(next);
        if (Object.keys(next).length === 0) setFormError(result.error.message);
        return;
      }
      toast.success(`${result.data.ip} is blocked${result.data.expiresAt ? "" : " until removed"}.`);
      setIp("");
      setReason("");
      router.refresh();
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-busy={isPending} data-testid="block-ip-form">
      <FormError>{formError}</FormError>
      <div className="grid gap-4 md:grid-cols-[minmax(0,14rem)_minmax(0,1fr)_minmax(0,10rem)_auto] md:items-start">
        <div className="flex flex-col gap-2">
          <Label htmlFor="block-ip">IP address</Label>
          <Input
            id="block-ip"
            value={ip}
            onChange={(e) => setIp(e.target.value)}
            placeholder="203.0.113.7 or 2001:db8::1"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errors.ip ? true : undefined}
            aria-describedby={errors.ip ? "block-ip-error" : undefined}
            data-testid="block-ip-address"
          />
          <FieldError id="block-ip-error" message={errors.ip} />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="block-reason">Reason</Label>
          <Input
            id="block-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            placeholder="Credential stuffing from this address"
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? "block-reason-error" : undefined}
            data-testid="block-ip-reason"
          />
          <FieldError id="block-reason-error" message={errors.reason} />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="block-duration">For</Label>
          <NativeSelect id="block-duration" value={duration} onChange={(e) => setDuration(e.target.value)} data-testid="block-ip-duration">
            {DURATIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </NativeSelect>
          <FieldError id="block-duration-error" message={errors.expiresAt} />
        </div>
        <div className="flex flex-col gap-2">
          <span aria-hidden="true" className="hidden text-sm md:block">
            &nbsp;
          </span>
          <Button type="submit" disabled={isPending} data-testid="block-ip-submit">
            {isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : <ShieldBan aria-hidden="true" />}
            Block
          </Button>
        </div>
      </div>
      <p className="text-xs text-muted-foreground">
        Single addresses only (no ranges). A blocked address cannot sign in, register or reset a password; accounts
        already signed in from it keep their sessions, so block the account too when needed. Each server checks the
        list at most every 10 seconds.
      </p>
    </form>
  );
}
