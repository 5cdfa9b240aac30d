"use client";

import { Download } from "lucide-react";
import { toast } from "sonner";

import { usePwa } from "@/components/pwa/pwa-provider";
import { Button } from "@/components/ui/button";

/** "Install app" where the browser offers it (beforeinstallprompt); nothing otherwise or once installed. */
export function InstallButton({ className }: { className?: string }) {
  const { canInstall, promptInstall } = usePwa();
  if (!canInstall) return null;
  return (
    <Button
      variant="outline"
      size="sm"
      className={className}
      data-testid="pwa-install"
      onClick={async () => {
        const outcome = await promptInstall();
        if (outcome === "accepted") toast.success("TradePulse is installed: open it from your home screen or app list.");
      }}
    >
      <Download aria-hidden="true" />
      <span className="hidden sm:inline">Install app</span>
      <span className="sr-only sm:hidden">Install app</span>
    </Button>
  );
}
