import { z } from "zod";

// The exchanges a user can connect. Pure data, checked against the installed ccxt by registry.test.ts.
// Credential field names are ccxt's (`apiKey`, `secret`, `password`); the API and UI call `password`
// the passphrase. `hasSandbox` means ccxt's `setSandboxMode(true)` points at a working testnet or
// demo-trading environment. `permissionsMethod` is the ccxt implicit method that reports what a key may
// do, where the exchange has one.

export const EXCHANGE_IDS = ["binance", "bybit", "okx", "mexc", "coinbase", "kraken", "demo"] as const;
export type ExchangeId = (typeof EXCHANGE_IDS)[number];
export const exchangeIdSchema = z.enum(EXCHANGE_IDS);

export type CredentialField = "apiKey" | "secret" | "password";

export type SupportedExchange = {
  id: ExchangeId;
  name: string;
  /** false only for the built-in simulator. */
  isCcxt: boolean;
  credentials: readonly CredentialField[];
  hasSandbox: boolean;
  apiKeyDocsUrl: string | null;
  reportsKeyPermissions: boolean;
  permissionsMethod: string | null;
};

export const SUPPORTED_EXCHANGES: Readonly<Record<ExchangeId, SupportedExchange>> = {
  binance: {
    id: "binance",
    name: "Binance",
    isCcxt: true,
    credentials: ["apiKey", "secret"],
    hasSandbox: true,
    apiKeyDocsUrl: "https://www.binance.com/en/support/faq/how-to-create-api-keys-on-binance-360002502072",
    reportsKeyPermissions: true,
    permissionsMethod: "sapiGetAccountApiRestrictions",
  },
  bybit: {
    id: "bybit",
    name: "Bybit",
    isCcxt: true,
    credentials: ["apiKey", "secret"],
    hasSandbox: true,
    apiKeyDocsUrl: "https://www.bybit.com/en/help-center/article/How-to-create-your-API-key",
    reportsKeyPermissions: true,
    permissionsMethod: "privateGetV5UserQueryApi",
  },
  okx: {
    id: "okx",
    name: "OKX",
    isCcxt: true,
    credentials: ["apiKey", "secret", "password"],
    // ccxt sends OKX's demo-trading header (x-simulated-trading: 1); demo keys are created separately.
    hasSandbox: true,
    apiKeyDocsUrl: "https://www.okx.com/account/my-api",
    reportsKeyPermissions: true,
    permissionsMethod: "privateGetAccountConfig",
  },
  mexc: {
    id: "mexc",
    name: "MEXC",
    isCcxt: true,
    credentials: ["apiKey", "secret"],
    hasSandbox: false,
    apiKeyDocsUrl: "https://www.mexc.com/user/openapi",
    // The spot account endpoint only reports canTrade/canWithdraw/canDeposit for the account.
    reportsKeyPermissions: false,
    permissionsMethod: null,
  },
  coinbase: {
    id: "coinbase",
    name: "Coinbase Advanced",
    isCcxt: true,
    // CDP keys: the key name ("organizations/…/apiKeys/…") and its private key (PEM) as the secret.
    // The passphrase belonged to the retired Coinbase Pro keys (ccxt's separate "coinbaseexchange").
    credentials: ["apiKey", "secret"],
    hasSandbox: false,
    apiKeyDocsUrl: "https://docs.cdp.coinbase.com/advanced-trade/docs/auth",
    reportsKeyPermissions: true,
    permissionsMethod: "v3PrivateGetBrokerageKeyPermissions",
  },
  kraken: {
    id: "kraken",
    name: "Kraken",
    isCcxt: true,
    credentials: ["apiKey", "secret"],
    hasSandbox: false,
    apiKeyDocsUrl: "https://support.kraken.com/hc/en-us/articles/360000919966-How-to-create-an-API-key",
    reportsKeyPermissions: true,
    permissionsMethod: "privatePostGetApiKeyInfo",
  },
  demo: {
    id: "demo",
    name: "Demo (simulated)",
    isCcxt: false,
    credentials: ["apiKey", "secret"],
    hasSandbox: false,
    apiKeyDocsUrl: null,
    reportsKeyPermissions: false,
    permissionsMethod: null,
  },
};

export function listSupportedExchanges(): SupportedExchange[] {
  return EXCHANGE_IDS.map((id) => SUPPORTED_EXCHANGES[id]);
}

export function getSupportedExchange(id: ExchangeId): SupportedExchange {
  return SUPPORTED_EXCHANGES[id];
}

export function isExchangeId(value: string): value is ExchangeId {
  return (EXCHANGE_IDS as readonly string[]).includes(value);
}
