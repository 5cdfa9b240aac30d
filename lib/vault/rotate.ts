import "server-only";
import { and, asc, eq, lt } from "drizzle-orm";
import { db } from "@/db/client";
import { exchangeKeys, totpSecrets } from "@/db/schema";
import { exchangeKeyContext, totpSecretContext } from "./contexts";
import { secretBox as defaultBox, type SecretBox } from "./secret-box";

export type RotationReport = { totpSecrets: number; exchangeKeys: number };

/**
 * Re-encrypts every stored secret under the newest key, a batch per transaction. Rows are claimed with
 * FOR UPDATE SKIP LOCKED and only rewritten while still on the old version, so the app keeps serving
 * and an interrupted run simply continues where it stopped.
 */
export async function rotateSecrets({
  box = defaultBox,
  batchSize = 200,
  onBatch,
  userId,
}: {
  box?: SecretBox;
  batchSize?: number;
  onBatch?: (table: string, rows: number) => void;
  /** Only this user's secrets (all when omitted). */
  userId?: string;
} = {}): Promise<RotationReport> {
  const newest = box.currentKeyVersion;
  const report: RotationReport = { totpSecrets: 0, exchangeKeys: 0 };

  for (;;) {
    const rotated = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: totpSecrets.id, userId: totpSecrets.userId, secretCiphertext: totpSecrets.secretCiphertext })
        .from(totpSecrets)
        .where(and(lt(totpSecrets.keyVersion, newest), userId ? eq(totpSecrets.userId, userId) : undefined))
        .orderBy(asc(totpSecrets.id))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      for (const row of rows) {
        await tx
          .update(totpSecrets)
          .set({ secretCiphertext: box.reencrypt(row.secretCiphertext, totpSecretContext(row.id, row.userId)), keyVersion: newest })
          .where(and(eq(totpSecrets.id, row.id), lt(totpSecrets.keyVersion, newest)));
      }
      return rows.length;
    });
    if (rotated === 0) break;
    report.totpSecrets += rotated;
    onBatch?.("totp_secrets", rotated);
  }

  for (;;) {
    const rotated = await db.transaction(async (tx) => {
      const rows = await tx
        .select({
          id: exchangeKeys.id,
          userId: exchangeKeys.userId,
          apiKeyCiphertext: exchangeKeys.apiKeyCiphertext,
          apiSecretCiphertext: exchangeKeys.apiSecretCiphertext,
          passphraseCiphertext: exchangeKeys.passphraseCiphertext,
        })
        .from(exchangeKeys)
        .where(and(lt(exchangeKeys.keyVersion, newest), userId ? eq(exchangeKeys.userId, userId) : undefined))
        .orderBy(asc(exchangeKeys.id))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      for (const row of rows) {
        await tx
          .update(exchangeKeys)
          .set({
            apiKeyCiphertext: box.reencrypt(row.apiKeyCiphertext, exchangeKeyContext("api_key_ciphertext", row.id, row.userId)),
            apiSecretCiphertext: box.reencrypt(row.apiSecretCiphertext, exchangeKeyContext("api_secret_ciphertext", row.id, row.userId)),
            passphraseCiphertext: row.passphraseCiphertext
              ? box.reencrypt(row.passphraseCiphertext, exchangeKeyContext("passphrase_ciphertext", row.id, row.userId))
              : null,
            keyVersion: newest,
          })
          .where(and(eq(exchangeKeys.id, row.id), lt(exchangeKeys.keyVersion, newest)));
      }
      return rows.length;
    });
    if (rotated === 0) break;
    report.exchangeKeys += rotated;
    onBatch?.("exchange_keys", rotated);
  }
  return report;
}
