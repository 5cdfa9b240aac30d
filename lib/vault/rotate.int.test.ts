import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { exchangeKeys, totpSecrets, users } from "@/db/schema";
import { exchangeKeyContext, totpSecretContext } from "./contexts";
import { rotateSecrets } from "./rotate";
import { createSecretBox } from "./secret-box";

const v1 = { version: 1, key: randomBytes(32) };
const v2 = { version: 2, key: randomBytes(32) };

describe("rotateSecrets", () => {
  test("encrypt with v1, rotate to v2, drop v1: everything still decrypts, and a second run does nothing", async () => {
    const oldBox = createSecretBox([v1]);
    const [user] = await db.insert(users).values({ email: `rotate-${randomUUID()}@example.test`, passwordHash: "x" }).returning({ id: users.id });
    const userId = user!.id;
    const totpId = randomUUID();
    await db.insert(totpSecrets).values({ id: totpId, userId, keyVersion: 1, secretCiphertext: oldBox.encrypt("JBSWY3DPEHPK3PXP", totpSecretContext(totpId, userId)) });
    const keyIds = [randomUUID(), randomUUID(), randomUUID()];
    for (const [index, id] of keyIds.entries()) {
      await db.insert(exchangeKeys).values({
        id,
        userId,
        exchange: "binance",
        label: `key ${index}`,
        apiKeyMasked: "abcd…wxyz",
        apiKeyCiphertext: oldBox.encrypt(`api-key-${index}`, exchangeKeyContext("api_key_ciphertext", id, userId)),
        apiSecretCiphertext: oldBox.encrypt(`api-secret-${index}`, exchangeKeyContext("api_secret_ciphertext", id, userId)),
        passphraseCiphertext: index === 0 ? oldBox.encrypt("passphrase", exchangeKeyContext("passphrase_ciphertext", id, userId)) : null,
        keyVersion: 1,
      });
    }

    const batches: number[] = [];
    const report = await rotateSecrets({ box: createSecretBox([v2, v1]), batchSize: 2, userId, onBatch: (_table, rows) => batches.push(rows) });
    expect(report).toEqual({ totpSecrets: 1, exchangeKeys: 3 });
    expect(Math.max(...batches)).toBeLessThanOrEqual(2);

    const newOnly = createSecretBox([v2]);
    const [totp] = await db.select().from(totpSecrets).where(eq(totpSecrets.id, totpId));
    expect(totp!.keyVersion).toBe(2);
    expect(newOnly.decrypt(totp!.secretCiphertext, totpSecretContext(totpId, userId))).toBe("JBSWY3DPEHPK3PXP");
    for (const [index, id] of keyIds.entries()) {
      const [row] = await db.select().from(exchangeKeys).where(eq(exchangeKeys.id, id));
      expect(row!.keyVersion).toBe(2);
      expect(newOnly.decrypt(row!.apiKeyCiphertext, exchangeKeyContext("api_key_ciphertext", id, userId))).toBe(`api-key-${index}`);
      expect(newOnly.decrypt(row!.apiSecretCiphertext, exchangeKeyContext("api_secret_ciphertext", id, userId))).toBe(`api-secret-${index}`);
      if (index === 0) expect(newOnly.decrypt(row!.passphraseCiphertext!, exchangeKeyContext("passphrase_ciphertext", id, userId))).toBe("passphrase");
      // A ciphertext moved onto another row does not decrypt there.
      expect(() => newOnly.decrypt(row!.apiSecretCiphertext, exchangeKeyContext("api_secret_ciphertext", keyIds[(index + 1) % 3]!, userId))).toThrow();
    }
    const again = await rotateSecrets({ box: createSecretBox([v2, v1]), userId });
    expect(again).toEqual({ totpSecrets: 0, exchangeKeys: 0 });
  });
});
