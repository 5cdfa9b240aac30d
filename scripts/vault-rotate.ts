// npm run vault:rotate – re-encrypt every stored secret (TOTP secrets, exchange keys) under the newest
// key of ENCRYPTION_KEYS. Put the new key first ("v2:<new>,v1:<old>"), run this, then drop the old key.
// On PostgreSQL the app may keep serving meanwhile; the embedded database allows one process, so stop
// the app first there.
import { closeDb } from "@/db/client";
import { rotateSecrets } from "@/lib/vault/rotate";
import { secretBox } from "@/lib/vault/secret-box";

console.log(`Re-encrypting stored secrets under key v${secretBox.currentKeyVersion}…`);
const report = await rotateSecrets({ onBatch: (table, rows) => console.log(`  ${table}: ${rows} re-encrypted`) });
console.log(`Done: ${report.totpSecrets} TOTP secrets and ${report.exchangeKeys} exchange keys re-encrypted. Every secret now uses v${secretBox.currentKeyVersion}.`);
await closeDb();
