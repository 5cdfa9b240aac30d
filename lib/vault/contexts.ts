import type { SecretContext } from "./secret-box";

// Where each secret lives: the AAD binds a ciphertext to exactly this table, column, row and owner.

export function totpSecretContext(rowId: string, userId: string): SecretContext {
  return { table: "totp_secrets", column: "secret_ciphertext", rowId, ownerId: userId };
}

export type ExchangeSecretColumn = "api_key_ciphertext" | "api_secret_ciphertext" | "passphrase_ciphertext";

export function exchangeKeyContext(column: ExchangeSecretColumn, rowId: string, userId: string): SecretContext {
  return { table: "exchange_keys", column, rowId, ownerId: userId };
}
