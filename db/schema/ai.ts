import { date, integer, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { users } from "./auth";

/** AI requests per user and UTC day, against the tier's daily quota. */
export const aiUsage = pgTable(
  "ai_usage",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    requests: integer("requests").notNull().default(0),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

export type AiUsage = typeof aiUsage.$inferSelect;
