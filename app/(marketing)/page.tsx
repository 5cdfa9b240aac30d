import type { Metadata } from "next";
import Link from "next/link";
import { Bell, Bot, ChartCandlestick, Radar, ShieldCheck, Smartphone, Sparkles, Wallet, type LucideIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = {
  title: { absolute: "TradePulse · Self-hosted crypto portfolio, signals and trading robot" },
};

type Feature = { title: string; description: string; icon: LucideIcon };

const features: readonly Feature[] = [
  {
    title: "Live portfolio across exchanges",
    description:
      "Balances from every connected exchange in one view, valued live, with profit and loss, allocation and risk analytics such as drawdown and volatility.",
    icon: Wallet,
  },
  {
    title: "Signals with honest track records",
    description:
      "Every signal is checked against what the market did next: hits, misses and expired calls all stay on the record. Pump alerts stream in live.",
    icon: Radar,
  },
  {
    title: "Trading robot with a journal",
    description:
      "Run a strategy on paper first and switch to live trading when you trust it. Every order lands in a trade journal you can annotate.",
    icon: Bot,
  },
  {
    title: "AI analyst",
    description:
      "Ask for a read on a market or on your portfolio. Uses your own OpenAI key when you configure one, and a built-in offline analyst otherwise.",
    icon: Sparkles,
  },
  {
    title: "Price alerts",
    description: "Set price levels on any pair and get notified when the market crosses them.",
    icon: Bell,
  },
  {
    title: "Your keys, your server",
    description:
      "Exchange API keys are encrypted at rest on the server you run and decrypted only in memory, at the moment a request needs them.",
    icon: ShieldCheck,
  },
  {
    title: "Installable app and REST API",
    description:
      "Install TradePulse on your phone or desktop as a progressive web app, or connect a mobile client through the REST API with live updates.",
    icon: Smartphone,
  },
  {
    title: "Markets and charts",
    description: "Live prices, candlestick charts and order books for the pairs you follow, streamed to every open tab.",
    icon: ChartCandlestick,
  },
];

export default function LandingPage() {
  return (
    <main>
      <section aria-labelledby="hero-heading" className="border-b">
        <div className="mx-auto flex w-full max-w-6xl flex-col items-start gap-6 px-4 py-16 sm:px-6 sm:py-24">
          <p className="rounded-full bg-accent px-3 py-1 text-sm font-medium text-accent-foreground">
            Self-hosted crypto trading platform
          </p>
          <h1 id="hero-heading" className="max-w-3xl text-4xl font-bold tracking-tight text-balance sm:text-5xl">
            Your crypto portfolio, signals and trading robot, on your own server
          </h1>
          <p className="max-w-2xl text-lg text-pretty text-muted-foreground">
            TradePulse follows your holdings across exchanges with live profit and loss and risk analytics, streams
            trading signals and pump alerts, runs a paper or live trading robot, and keeps your API keys encrypted on
            hardware you control.
          </p>
          <div className="flex flex-wrap gap-3">
            <Button asChild size="lg">
              <Link href="/register" data-testid="landing-create-account">
                Create account
              </Link>
            </Button>
            <Button asChild size="lg" variant="outline">
              <Link href="/login" data-testid="landing-sign-in">
                Sign in
              </Link>
            </Button>
            <Button asChild size="lg" variant="ghost">
              <Link href="/pricing" data-testid="landing-pricing">
                Compare plans
              </Link>
            </Button>
          </div>
        </div>
      </section>

      <section id="features" aria-labelledby="features-heading" className="scroll-mt-20 border-b">
        <div className="mx-auto flex w-full max-w-6xl flex-col gap-8 px-4 py-16 sm:px-6">
          <div className="flex max-w-2xl flex-col gap-2">
            <h2 id="features-heading" className="text-3xl font-semibold tracking-tight">
              Everything in one place
            </h2>
            <p className="text-muted-foreground">
              One application for the browser, your phone and your own scripts, with the numbers computed on your
              server.
            </p>
          </div>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {features.map((feature) => {
              const Icon = feature.icon;
              return (
                <li key={feature.title} className="flex">
                  <Card className="w-full">
                    <CardHeader>
                      <div className="mb-2 flex size-10 items-center justify-center rounded-lg bg-accent text-primary">
                        <Icon className="size-5" aria-hidden="true" />
                      </div>
                      <CardTitle as="h3">{feature.title}</CardTitle>
                      <CardDescription>{feature.description}</CardDescription>
                    </CardHeader>
                  </Card>
                </li>
              );
            })}
          </ul>
        </div>
      </section>

      <section id="self-host" aria-labelledby="self-host-heading" className="scroll-mt-20">
        <div className="mx-auto grid w-full max-w-6xl gap-8 px-4 py-16 sm:px-6 lg:grid-cols-2 lg:items-center">
          <div className="flex flex-col gap-4">
            <h2 id="self-host-heading" className="text-3xl font-semibold tracking-tight">
              Self-host in two commands
            </h2>
            <p className="text-muted-foreground">
              With Node.js 20.19 or later, clone the repository and run:
            </p>
            <pre className="overflow-x-auto rounded-lg border bg-muted px-4 py-3 font-mono text-sm text-foreground">
              <code>npm install &amp;&amp; npm start</code>
            </pre>
          </div>
          <ul className="flex flex-col gap-3 text-sm">
            <li className="rounded-lg border bg-card p-4">
              <span className="font-semibold">Works on a fresh machine.</span>{" "}
              <span className="text-muted-foreground">
                An embedded database and a simulated exchange mean no external service is needed to get started.
              </span>
            </li>
            <li className="rounded-lg border bg-card p-4">
              <span className="font-semibold">Grows with you.</span>{" "}
              <span className="text-muted-foreground">
                Point it at your own PostgreSQL server, add Redis, and run several instances behind a load balancer.
              </span>
            </li>
            <li className="rounded-lg border bg-card p-4">
              <span className="font-semibold">Secrets stay home.</span>{" "}
              <span className="text-muted-foreground">
                Exchange keys and two-factor secrets are stored encrypted and never returned by the API.
              </span>
            </li>
          </ul>
        </div>
      </section>
    </main>
  );
}
