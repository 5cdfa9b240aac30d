import { z } from "zod";
import type { HealthReport } from "@/lib/health";
import type { Expect, Jsonified, Same } from "../json";

const component = z.object({
  status: z.enum(["ok", "error", "disabled"]),
  latencyMs: z.number().optional(),
  error: z.string().optional(),
  engine: z.string().optional(),
});

export const healthSchema = z.object({
  status: z.enum(["ok", "error"]),
  checks: z.object({ database: component, redis: component }),
  market: z.object({ isIngester: z.boolean(), exchange: z.string(), lastTickAt: z.string().nullable() }),
  uptimeSeconds: z.number(),
});

/** 503 adds a message naming what is not ready. */
export const healthAnswerSchema = healthSchema.extend({ message: z.string().optional() });

export const openApiDocumentSchema = z.object({ openapi: z.string(), info: z.record(z.string(), z.unknown()), paths: z.record(z.string(), z.unknown()) }).loose();

export type _Checks = [Expect<Same<z.output<typeof healthSchema>, Jsonified<HealthReport>>>];
