import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";

// Building blocks of the response schemas and the envelopes of API.md.

/** An ISO-8601 instant as JSON carries a Date (`2026-01-31T12:00:00.000Z`). */
export const dateTime = () => z.iso.datetime({ offset: true });

/** A decimal number as a string (money, quantities, prices): never a binary float. */
export const decimal = () => z.string().meta({ description: 'Decimal number as a string, e.g. "1234.5".', examples: ["1234.5"] });

export const id = () => z.uuid();

export const metaSchema = z.object({
  timestamp: dateTime(),
  requestId: z.string(),
});

export const paginationSchema = z.object({
  page: z.number().int().min(1),
  limit: z.number().int().min(1).max(100),
  total: z.number().int().min(0),
  totalPages: z.number().int().min(1),
  hasMore: z.boolean(),
});

export const errorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

export const errorEnvelopeSchema = z.object({
  success: z.literal(false),
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
  meta: metaSchema,
});

export const deletedSchema = z.object({ deleted: z.literal(true) });
export const revokedSchema = z.object({ revoked: z.literal(true) });
export const messageSchema = z.object({ message: z.string() });
