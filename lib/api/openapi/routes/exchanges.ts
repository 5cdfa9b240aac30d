import { z } from "zod";
import { createExchangeKeySchema } from "@/lib/exchanges/schemas";
import { deletedSchema } from "../responses/common";
import { exchangeKeySchema, keyTestSchema, supportedExchangeSchema, syncResultSchema } from "../responses/exchanges";
import { route, type RouteDoc } from "../types";

// Declared inline in the three [keyId] route files; an identical copy.
const keyParams = z.object({ keyId: z.uuid({ error: "Not an exchange key id." }) });
const tag = "Exchange keys";

export const exchangeRoutes: RouteDoc[] = [
  route({ method: "GET", path: "/exchanges", operationId: "listExchanges", tag, summary: "Supported exchanges and the credentials each needs", auth: "user", response: z.array(supportedExchangeSchema) }),
  route({ method: "GET", path: "/exchange-keys", operationId: "listExchangeKeys", tag, summary: "The caller's keys, masked (never a secret)", auth: "user", response: z.array(exchangeKeySchema) }),
  route({
    method: "POST",
    path: "/exchange-keys",
    operationId: "createExchangeKey",
    tag,
    summary: "Add a key after a live connection test",
    description: "The secret is stored encrypted and never returned. 422 EXCHANGE_AUTH_FAILED when the exchange rejects the key.",
    auth: "user",
    body: createExchangeKeySchema,
    status: 201,
    response: exchangeKeySchema,
    errors: ["EMAIL_NOT_VERIFIED", "CONFLICT", "EXCHANGE_AUTH_FAILED", "EXCHANGE_UNAVAILABLE", "EXCHANGE_TIMEOUT"],
  }),
  route({ method: "POST", path: "/exchange-keys/{keyId}/test", operationId: "testExchangeKey", tag, summary: "Test a stored key again; records status and last check", auth: "user", params: keyParams, response: keyTestSchema, errors: ["NOT_FOUND"] }),
  route({ method: "POST", path: "/exchange-keys/{keyId}/sync", operationId: "syncExchangeKey", tag, summary: "Balances and trades of the key into its portfolio", auth: "user", params: keyParams, response: syncResultSchema, errors: ["NOT_FOUND", "EXCHANGE_AUTH_FAILED", "EXCHANGE_UNAVAILABLE", "EXCHANGE_TIMEOUT"] }),
  route({ method: "DELETE", path: "/exchange-keys/{keyId}", operationId: "deleteExchangeKey", tag, summary: "Delete a key and its ciphertexts", auth: "user", params: keyParams, response: deletedSchema, errors: ["NOT_FOUND"] }),
];
