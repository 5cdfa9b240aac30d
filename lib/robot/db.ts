import "server-only";
import { db } from "@/db/client";
import { robotEvents } from "@/db/schema";

export type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];
export type DbOrTx = typeof db | Tx;

export type RobotEventType =
  | "config.created"
  | "config.updated"
  | "start"
  | "stop"
  | "open"
  | "close"
  | "skip"
  | "order.placing"
  | "order.cancelled"
  | "error";

/** Writes one entry of the robot's log: what it did and why. */
export async function recordRobotEvent(
  executor: DbOrTx,
  event: { userId: string; robotConfigId?: string | null; tradeId?: string | null; signalId?: string | null; type: RobotEventType; message: string; data?: Record<string, unknown> },
): Promise<void> {
  await executor.insert(robotEvents).values({
    userId: event.userId,
    robotConfigId: event.robotConfigId ?? null,
    tradeId: event.tradeId ?? null,
    signalId: event.signalId ?? null,
    type: event.type,
    message: event.message.slice(0, 1000),
    data: event.data ?? {},
  });
}
