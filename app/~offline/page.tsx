import type { Metadata } from "next";

import { OfflineView } from "@/components/pwa/offline-view";

export const metadata: Metadata = { title: "Offline", robots: { index: false, follow: false } };

// Precached by the service worker at install and shown, at whatever address was asked, for any page
// that neither the network nor the device's copy can answer. Everything on it is read on the device.
export default function OfflinePage() {
  return <OfflineView />;
}
