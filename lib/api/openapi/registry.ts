import { authRoutes, streamRoutes, userRoutes } from "./routes/auth";
import { exchangeRoutes } from "./routes/exchanges";
import { adminRoutes, aiRoutes, alertRoutes, robotRoutes, signalRoutes } from "./routes/features";
import { marketRoutes } from "./routes/market";
import { portfolioRoutes } from "./routes/portfolio";
import { systemRoutes } from "./routes/system";
import type { RouteDoc } from "./types";

/**
 * Every route of the API, documented. lib/api/openapi/coverage.test.ts fails when a route file exports a
 * method that has no entry here, or an entry has no route: a new route must be added to routes/<domain>.ts.
 */
export const API_ROUTES: readonly RouteDoc[] = [
  ...authRoutes,
  ...userRoutes,
  ...exchangeRoutes,
  ...marketRoutes,
  ...streamRoutes,
  ...portfolioRoutes,
  ...signalRoutes,
  ...robotRoutes,
  ...aiRoutes,
  ...alertRoutes,
  ...adminRoutes,
  ...systemRoutes,
];

/** The tags in the order the document and the docs page list them. */
export const TAGS: { name: string; description: string }[] = [
  { name: "Auth", description: "Accounts, tokens, two-factor authentication, passwords and email verification." },
  { name: "User", description: "The caller's profile, data export, sessions and security log." },
  { name: "Exchange keys", description: "Supported exchanges and the caller's API keys (stored encrypted, shown masked)." },
  { name: "Market", description: "Tickers, order books, candles and liquidation levels of the tracked symbols." },
  { name: "Realtime", description: "The server-sent event stream." },
  { name: "Portfolios", description: "Portfolios, transactions, holdings, analytics, import and export, sharing." },
  { name: "Signals", description: "Trading signals (by tier), their track record, pumps and the liquidation calculator." },
  { name: "Robot", description: "The trading robot's configuration, balance, log and kill switch, and the trade journal." },
  { name: "AI", description: "The AI analyst (structured analyses, chat, the daily quota) and market news." },
  { name: "Alerts", description: "Price, signal and pump alerts, notifications and Web Push." },
  { name: "Admin", description: "Administrators only: users, blocked addresses, the audit trail." },
  { name: "System", description: "Health and this document." },
];

export const fullPath = (doc: Pick<RouteDoc, "base" | "path">): string => `${doc.base ?? "/api/v1"}${doc.path}`;
