"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { LoaderCircle, Trash2 } from "lucide-react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { unblockIpAction } from "@/lib/admin/actions";

export function UnblockIpButton({ ip }: { ip: string }) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const onClick = () =>
    startTransition(async () => {
      const result = await unblockIpAction({ ip });
      if (!result.ok) {
        toast.error(result.error.message);
        return;
      }
      toast.success(`${ip} is no longer blocked.`);
      router.refresh();
    });
  return (
    <Button variant="ghost" size="sm" onClick={onClick} disabled={isPending} aria-label={`Unblock ${ip}`} data-testid="unblock-ip">
      {isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : <Trash2 aria-hidden="true" />}
      Unblock
    </Button>
  );
}
