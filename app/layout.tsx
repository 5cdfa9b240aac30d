import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";

import "./globals.css";
import { ThemeProvider } from "@/components/layout/theme-provider";
import { OfflineBanner } from "@/components/pwa/offline-banner";
import { PwaProvider } from "@/components/pwa/pwa-provider";
import { Toaster } from "@/components/ui/sonner";
import { env } from "@/lib/env";

export const metadata: Metadata = {
  title: { default: "TradePulse", template: "%s · TradePulse" },
  description:
    "Self-hosted crypto trading platform: live portfolio across exchanges, trading signals, a paper or live trading robot, an AI analyst and price alerts.",
  applicationName: "TradePulse",
  icons: {
    icon: [
      { url: "/icon.svg", type: "image/svg+xml" },
      { url: "/icons/icon-192.png", type: "image/png", sizes: "192x192" },
    ],
    apple: { url: "/icons/apple-touch-icon.png", sizes: "180x180" },
  },
  // The web app manifest is app/manifest.ts (Next links it); these are for iOS home-screen apps.
  appleWebApp: { capable: true, title: "TradePulse", statusBarStyle: "default" },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0b0f19" },
  ],
  colorScheme: "light dark",
};

// Reading the request's CSP nonce (set by proxy.ts) renders every page per request, which a nonce needs:
// Next puts it on its own scripts, and next-themes on its inline theme script.
export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // next-themes sets the theme class on <html> before hydration, so its attributes differ by design.
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-dvh bg-background font-sans text-foreground antialiased">
        <ThemeProvider nonce={nonce}>
          {/* The service worker (offline copies, install) only in production builds: see lib/pwa/sw.ts. */}
          <PwaProvider enabled={env.nodeEnv === "production"} renderedAt={new Date().toISOString()}>
            <OfflineBanner />
            {children}
            <Toaster />
          </PwaProvider>
        </ThemeProvider>
      </body>
    </html>
  );
}
