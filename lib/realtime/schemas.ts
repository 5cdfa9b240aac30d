import { z } from "zod";
import { STREAM_CHANNELS, type StreamChannel } from "@/lib/market/events";

const isStreamChannel = (value: string): value is StreamChannel => (STREAM_CHANNELS as readonly string[]).includes(value);

/** GET /api/v1/stream?channels=tickers,signals&ticket=…&lastEventId=… (no channels = all of them). */
export const streamQuerySchema = z.object({
  channels: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return [...STREAM_CHANNELS];
      const names = [...new Set(value.split(",").map((name) => name.trim()).filter(Boolean))];
      const unknown = names.filter((name) => !isStreamChannel(name));
      if (unknown.length > 0 || names.length === 0) {
        const what = unknown.length > 0 ? `unknown channel ${unknown.map((name) => `"${name.slice(0, 40)}"`).join(", ")}` : "no channel";
        ctx.addIssue({ code: "custom", message: `${what}; use one or more of ${STREAM_CHANNELS.join(", ")}` });
        return z.NEVER;
      }
      return names as StreamChannel[];
    }),
  ticket: z.string().max(100).optional(),
  // For EventSource polyfills that cannot set Last-Event-ID; the header wins when both come.
  lastEventId: z.string().max(40).optional(),
});

export type StreamQuery = z.infer<typeof streamQuerySchema>;
