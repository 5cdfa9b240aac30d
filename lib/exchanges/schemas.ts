import { z } from "zod";
import { exchangeIdSchema } from "./registry";

const credential = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(8, { error: `The ${label} looks too short.` })
    .max(8192, { error: `The ${label} is too long.` });

export const createExchangeKeySchema = z.object({
  exchange: exchangeIdSchema,
  label: z.string().trim().min(1, { error: "Give the key a label, e.g. “Main account”." }).max(60, { error: "Use at most 60 characters." }),
  apiKey: credential("API key"),
  apiSecret: credential("API secret"),
  passphrase: z.string().trim().min(1).max(256).optional(),
  testnet: z.boolean().optional().default(false),
});

export const exchangeKeyIdParamsSchema = z.object({ id: z.uuid({ error: "Not an exchange key id." }) });

export type CreateExchangeKeyInput = z.infer<typeof createExchangeKeySchema>;
