"use client";

import { useEffect, useState } from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";

// Web Push for this browser: a service worker of its own (public/push-sw.js, scope /push-sw/, so it
// never replaces the PWA's worker), a PushSubscription with the server's VAPID key, stored through
// POST /api/v1/push/subscriptions.
const WORKER_URL = "/push-sw.js";
const WORKER_SCOPE = "/push-sw/";

type State = "unsupported" | "denied" | "off" | "on" | "working";

function toUint8Array(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

async function send(method: "POST" | "DELETE", body: unknown): Promise<boolean> {
  const res = await fetch("/api/v1/push/subscriptions", { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return res.ok;
}

async function detectState(vapidPublicKey: string | null): Promise<State> {
  if (!vapidPublicKey || !("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return "unsupported";
  if (Notification.permission === "denied") return "denied";
  const registration = await navigator.serviceWorker.getRegistration(WORKER_SCOPE);
  return (await registration?.pushManager.getSubscription()) ? "on" : "off";
}

export function PushToggle({ vapidPublicKey }: { vapidPublicKey: string | null }) {
  const [state, setState] = useState<State>("working");

  useEffect(() => {
    let isCurrent = true;
    void detectState(vapidPublicKey).then((next) => {
      if (isCurrent) setState(next);
    });
    return () => {
      isCurrent = false;
    };
  }, [vapidPublicKey]);

  const enable = async () => {
    if (!vapidPublicKey) return;
    setState("working");
    try {
      if ((await Notification.requestPermission()) !== "granted") {
        setState(Notification.permission === "denied" ? "denied" : "off");
        return;
      }
      const registration = await navigator.serviceWorker.register(WORKER_URL, { scope: WORKER_SCOPE });
      await navigator.serviceWorker.ready;
      const subscription =
        (await registration.pushManager.getSubscription()) ??
        (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: toUint8Array(vapidPublicKey) }));
      if (!(await send("POST", subscription.toJSON()))) throw new Error("The server refused the subscription.");
      setState("on");
      toast.success("Push notifications are on for this browser");
    } catch (error) {
      setState("off");
      toast.error(error instanceof Error ? error.message : "Could not turn on push notifications");
    }
  };

  const disable = async () => {
    setState("working");
    const registration = await navigator.serviceWorker.getRegistration(WORKER_SCOPE);
    const subscription = await registration?.pushManager.getSubscription();
    if (subscription) {
      await send("DELETE", { endpoint: subscription.endpoint }).catch(() => false);
      await subscription.unsubscribe();
    }
    setState("off");
  };

  if (state === "unsupported") {
    return (
      <p className="text-sm text-muted-foreground" data-testid="push-state" data-state="unsupported">
        {vapidPublicKey ? "This browser does not support push notifications." : "Push notifications are not configured on this server (VAPID keys)."}
      </p>
    );
  }
  if (state === "denied") {
    return (
      <p className="text-sm text-muted-foreground" data-testid="push-state" data-state="denied">
        Notifications are blocked for this site in the browser settings.
      </p>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-3" data-testid="push-state" data-state={state}>
      <span className="text-sm">{state === "on" ? "Push is on for this browser." : "Push is off for this browser."}</span>
      {state === "on" ? (
        <Button variant="outline" size="sm" onClick={() => void disable()} data-testid="push-disable">
          Turn off
        </Button>
      ) : (
        <Button size="sm" onClick={() => void enable()} disabled={state === "working"} data-testid="push-enable">
          Turn on
        </Button>
      )}
    </div>
  );
}
