import type { NotificationView } from "@/lib/notifications/schemas";

// Pure helpers of the notification components.

/** "just now", "5 min ago", "3 h ago", "2 d ago", else the date. */
export function formatRelativeTime(iso: string, nowMs: number = Date.now()): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  const seconds = Math.max(0, Math.round((nowMs - ms) / 1000));
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 7) return `${days} d ago`;
  return new Date(ms).toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric" });
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A notification from the stream (the stored row as JSON) in the API's shape; null when malformed. */
export function toNotificationView(value: unknown): NotificationView | null {
  if (!isRecord(value) || typeof value.id !== "string" || typeof value.title !== "string") return null;
  return {
    id: value.id,
    type: typeof value.type === "string" ? value.type : "system",
    title: value.title,
    body: typeof value.body === "string" ? value.body : "",
    data: isRecord(value.data) ? value.data : {},
    readAt: typeof value.readAt === "string" ? value.readAt : null,
    createdAt: typeof value.createdAt === "string" ? value.createdAt : new Date().toISOString(),
  };
}
