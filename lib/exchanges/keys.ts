import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { exchangeKeys, type ExchangeKey } from "@/db/schema";
import { recordAudit } from "@/lib/audit/queries";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { exchangeKeyContext } from "@/lib/vault/contexts";
import { secretBox } from "@/lib/vault/secret-box";
import type { KeyPermissions } from "./ccxt/permissions";
import { createExchangeClient, withTimeout, type ConnectedExchangeClient } from "./client";
import { ExchangeAuthError, ExchangeTimeoutError, ExchangeUnavailableError } from "./errors";
import { getSupportedExchange, type ExchangeId } from "./registry";
import type { CreateExchangeKeyInput } from "./schemas";

export const CONNECTION_TEST_TIMEOUT_MS = 10_000;

export type { KeyPermissions };

/** What the API and UI see of a key: never the key, the secret or a ciphertext. */
export type ExchangeKeyView = {
  id: string;
  exchange: string;
  exchangeName: string;
  label: string;
  apiKeyMasked: string;
  testnet: boolean;
  status: ExchangeKey["status"];
  permissions: KeyPermissions | null;
  warnings: string[];
  lastCheckedAt: string | null;
  lastError: string | null;
  lastSyncedAt: string | null;
  createdAt: string;
};

export function maskApiKey(apiKey: string): string {
  const key = apiKey.trim();
  return key.length <= 8 ? "…" + key.slice(-2) : `${key.slice(0, 4)}…${key.slice(-4)}`;
}

function warningsFor(permissions: KeyPermissions | null): string[] {
  const warnings: string[] = [];
  if (permissions?.canWithdraw) warnings.push("This key can withdraw funds. Create a key without withdrawal permission: TradePulse never needs it.");
  if (permissions && permissions.ipRestricted === false) warnings.push("This key is not restricted to your server's IP address. Restricting it limits the damage if it leaks.");
  return warnings;
}

function toView(row: ExchangeKey): ExchangeKeyView {
  const permissions = (row.permissions as KeyPermissions | null) ?? null;
  return {
    id: row.id,
    exchange: row.exchange,
    exchangeName: getSupportedExchange(row.exchange as ExchangeId).name,
    label: row.label,
    apiKeyMasked: row.apiKeyMasked,
    testnet: row.isTestnet,
    status: row.status,
    permissions,
    warnings: warningsFor(permissions),
    lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null,
    lastError: row.lastError,
    lastSyncedAt: row.lastSyncedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

type Credentials = { apiKey: string; secret: string; password?: string };

/** Errors of a connection test, as the API answers them. Nothing is stored when one is thrown. */
function connectionError(error: unknown, exchangeName: string): AppError {
  if (error instanceof ExchangeAuthError) {
    return new AppError("EXCHANGE_AUTH_FAILED", `${exchangeName} rejected this API key. Check the key, the secret${exchangeName === "OKX" ? ", the passphrase" : ""} and that the key is enabled.`);
  }
  if (error instanceof ExchangeTimeoutError) return new AppError("EXCHANGE_TIMEOUT", `${exchangeName} did not answer within ${CONNECTION_TEST_TIMEOUT_MS / 1000} s. Try again later.`);
  if (error instanceof ExchangeUnavailableError) return new AppError("EXCHANGE_UNAVAILABLE", `${exchangeName} is not reachable right now. Try again later.`);
  logger.error({ err: error }, "unexpected error while testing an exchange key");
  return new AppError("EXCHANGE_UNAVAILABLE", `Could not test the key with ${exchangeName}.`);
}

/** Runs the live connection test: a balance fetch, bounded to 10 s, and the key's permissions where reported. */
async function testConnection(client: ConnectedExchangeClient): Promise<KeyPermissions | null> {
  await withTimeout(client.fetchBalance(), CONNECTION_TEST_TIMEOUT_MS);
  if (!client.fetchKeyPermissions) return null;
  try {
    const { canWithdraw, canTrade, ipRestricted } = await withTimeout(client.fetchKeyPermissions(), CONNECTION_TEST_TIMEOUT_MS);
    return { canWithdraw, canTrade, ipRestricted };
  } catch (error) {
    logger.warn({ err: error }, "could not read API key permissions");
    return null;
  }
}

export type ClientOverrides = { urls?: Record<string, unknown>; timeoutMs?: number };

// Tests point ccxt at a local server that answers like the exchange.
const globalForOverrides = globalThis as unknown as { __tradepulseExchangeOverrides?: Partial<Record<string, ClientOverrides>> };

export function setExchangeClientOverrides(exchange: string, overrides: ClientOverrides | undefined): void {
  globalForOverrides.__tradepulseExchangeOverrides ??= {};
  globalForOverrides.__tradepulseExchangeOverrides[exchange] = overrides;
}

export function openExchangeClient(exchange: ExchangeId, credentials: Credentials | undefined, testnet: boolean): ConnectedExchangeClient {
  const overrides = globalForOverrides.__tradepulseExchangeOverrides?.[exchange];
  return createExchangeClient({ exchange, credentials, testnet, timeoutMs: overrides?.timeoutMs ?? CONNECTION_TEST_TIMEOUT_MS, urls: overrides?.urls });
}

/** Add → validate → live test → store encrypted → the masked view. */
export async function createExchangeKey({ userId, input }: { userId: string; input: CreateExchangeKeyInput }): Promise<ExchangeKeyView> {
  const supported = getSupportedExchange(input.exchange);
  if (supported.credentials.includes("password") && !input.passphrase) {
    throw new AppError("VALIDATION_ERROR", `${supported.name} keys need the passphrase you chose when creating the key.`, { details: [{ field: "passphrase", message: "Required for this exchange." }] });
  }
  if (input.testnet && !supported.hasSandbox) {
    throw new AppError("VALIDATION_ERROR", `${supported.name} has no testnet.`, { details: [{ field: "testnet", message: "Not available for this exchange." }] });
  }
  const [duplicate] = await db
    .select({ id: exchangeKeys.id })
    .from(exchangeKeys)
    .where(and(eq(exchangeKeys.userId, userId), eq(exchangeKeys.exchange, input.exchange), eq(exchangeKeys.label, input.label)));
  if (duplicate) throw new AppError("CONFLICT", `You already have a ${supported.name} key labelled “${input.label}”.`, { details: [{ field: "label", message: "Already used." }] });

  const credentials: Credentials = { apiKey: input.apiKey, secret: input.apiSecret, password: input.passphrase };
  const client = openExchangeClient(input.exchange, credentials, input.testnet);
  let permissions: KeyPermissions | null;
  try {
    permissions = await testConnection(client);
  } catch (error) {
    throw connectionError(error, supported.name);
  } finally {
    await client.close().catch(() => {});
  }

  const id = randomUUID();
  const now = new Date();
  const [row] = await db
    .insert(exchangeKeys)
    .values({
      id,
      userId,
      exchange: input.exchange,
      label: input.label,
      apiKeyMasked: maskApiKey(input.apiKey),
      apiKeyCiphertext: secretBox.encrypt(input.apiKey, exchangeKeyContext("api_key_ciphertext", id, userId)),
      apiSecretCiphertext: secretBox.encrypt(input.apiSecret, exchangeKeyContext("api_secret_ciphertext", id, userId)),
      passphraseCiphertext: input.passphrase ? secretBox.encrypt(input.passphrase, exchangeKeyContext("passphrase_ciphertext", id, userId)) : null,
      keyVersion: secretBox.currentKeyVersion,
      isTestnet: input.testnet,
      status: "active",
      permissions,
      lastCheckedAt: now,
    })
    .returning();
  await recordAudit({ userId, action: "exchange_key.added", metadata: { exchangeKeyId: id, exchange: input.exchange, label: input.label } });
  return toView(row!);
}

export async function listExchangeKeys({ userId }: { userId: string }): Promise<ExchangeKeyView[]> {
  const rows = await db.select().from(exchangeKeys).where(eq(exchangeKeys.userId, userId)).orderBy(asc(exchangeKeys.createdAt));
  return rows.map(toView);
}

async function getOwnKeyRow({ userId, keyId }: { userId: string; keyId: string }): Promise<ExchangeKey> {
  const [row] = await db.select().from(exchangeKeys).where(and(eq(exchangeKeys.id, keyId), eq(exchangeKeys.userId, userId)));
  if (!row) throw new AppError("NOT_FOUND", "Exchange key not found.");
  return row;
}

/** Decrypts a stored key, in memory, for the moment of use. */
export function decryptCredentials(row: Pick<ExchangeKey, "id" | "userId" | "apiKeyCiphertext" | "apiSecretCiphertext" | "passphraseCiphertext">): Credentials {
  return {
    apiKey: secretBox.decrypt(row.apiKeyCiphertext, exchangeKeyContext("api_key_ciphertext", row.id, row.userId)),
    secret: secretBox.decrypt(row.apiSecretCiphertext, exchangeKeyContext("api_secret_ciphertext", row.id, row.userId)),
    password: row.passphraseCiphertext ? secretBox.decrypt(row.passphraseCiphertext, exchangeKeyContext("passphrase_ciphertext", row.id, row.userId)) : undefined,
  };
}

/** Opens a client on one of the user's stored keys. The caller closes it. */
export async function openClientForKey({ userId, keyId }: { userId: string; keyId: string }): Promise<{ client: ConnectedExchangeClient; key: ExchangeKey }> {
  const key = await getOwnKeyRow({ userId, keyId });
  return { client: openExchangeClient(key.exchange as ExchangeId, decryptCredentials(key), key.isTestnet), key };
}

export type KeyTestResult = { ok: boolean; key: ExchangeKeyView; error?: { code: string; message: string } };

/** Re-tests a stored key and records the outcome (status, last checked, last error, permissions). */
export async function testExchangeKey({ userId, keyId }: { userId: string; keyId: string }): Promise<KeyTestResult> {
  const { client, key } = await openClientForKey({ userId, keyId });
  const name = getSupportedExchange(key.exchange as ExchangeId).name;
  let failure: AppError | undefined;
  let permissions: KeyPermissions | null = (key.permissions as KeyPermissions | null) ?? null;
  try {
    permissions = (await testConnection(client)) ?? permissions;
  } catch (error) {
    failure = connectionError(error, name);
  } finally {
    await client.close().catch(() => {});
  }
  // Only a rejection by the exchange makes a key invalid; an outage says nothing about the key.
  const status = failure?.code === "EXCHANGE_AUTH_FAILED" ? "invalid" : failure ? key.status : "active";
  const [row] = await db
    .update(exchangeKeys)
    .set({ status, lastCheckedAt: new Date(), lastError: failure?.message ?? null, permissions })
    .where(eq(exchangeKeys.id, key.id))
    .returning();
  return { ok: !failure, key: toView(row!), ...(failure ? { error: { code: failure.code, message: failure.message } } : {}) };
}

/** Deletes the key and its ciphertexts. Its synced portfolio stays, detached, with its history. */
export async function deleteExchangeKey({ userId, keyId }: { userId: string; keyId: string }): Promise<void> {
  const deleted = await db
    .delete(exchangeKeys)
    .where(and(eq(exchangeKeys.id, keyId), eq(exchangeKeys.userId, userId)))
    .returning({ id: exchangeKeys.id, exchange: exchangeKeys.exchange, label: exchangeKeys.label });
  if (deleted.length === 0) throw new AppError("NOT_FOUND", "Exchange key not found.");
  await recordAudit({ userId, action: "exchange_key.deleted", metadata: { exchangeKeyId: keyId, exchange: deleted[0]!.exchange, label: deleted[0]!.label } });
}
