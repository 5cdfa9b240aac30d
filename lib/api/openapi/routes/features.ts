import { z } from "zod";
import { auditQuerySchema, blockedIpParamsSchema, blockIpSchema, listBlockedIpsQuerySchema, listUsersQuerySchema, updateUserSchema, userIdParamsSchema } from "@/lib/admin/schemas";
import { chatRequestSchema, symbolParamsSchema as aiSymbolParamsSchema } from "@/lib/ai/schemas";
import { alertParamsSchema, createAlertSchema, listAlertsQuerySchema, updateAlertSchema } from "@/lib/alerts/schemas";
import { deletePushSubscriptionSchema, listNotificationsQuerySchema, markReadSchema, pushSubscriptionSchema, updatePreferencesSchema } from "@/lib/notifications/schemas";
import {
  createTradeSchema,
  robotConfigInputSchema,
  robotConfigQuerySchema,
  robotEventsQuerySchema,
  robotStartSchema,
  robotStopSchema,
  tradeListQuerySchema,
  tradeStatsQuerySchema,
  updateTradeSchema,
} from "@/lib/robot/schemas";
import { listNewsQuerySchema } from "@/lib/news/schemas";
import { listPumpsQuerySchema } from "@/lib/signals/pumps-schemas";
import { liquidationInputSchema, listSignalsQuerySchema, lockedSignalsQuerySchema, signalParamsSchema, signalStatsQuerySchema } from "@/lib/signals/schemas";
import { adminAuditEntrySchema, adminOverviewSchema, adminUserDetailSchema, adminUserSchema, blockedIpSchema, unblockedSchema } from "../responses/admin";
import { aiUsageSchema, analysisSchema } from "../responses/ai";
import { alertSchema, markReadResultSchema, notificationPreferenceSchema, notificationSchema, pushSubscriptionDeletedSchema, pushSubscriptionSavedSchema, vapidKeySchema } from "../responses/alerts";
import { deletedSchema } from "../responses/common";
import { newsItemSchema } from "../responses/news";
import { robotBalanceSchema, robotConfigSchema, robotEventSchema, startResultSchema, stopReportSchema, tradeSchema, tradeStatsSchema } from "../responses/robot";
import { liquidationEstimateSchema, lockedSignalsSchema, pumpSchema, signalSchema, signalStatsSchema } from "../responses/signals";
import { route, type RouteDoc } from "../types";

// Declared inline in app/api/v1/trades/[tradeId]/route.ts; an identical copy.
const tradeParams = z.object({ tradeId: z.uuid({ error: "Not a trade id." }) });

export const signalRoutes: RouteDoc[] = [
  route({ method: "GET", path: "/signals", operationId: "listSignals", tag: "Signals", summary: "The signals the caller's tier may see now, newest first", auth: "user", query: listSignalsQuerySchema, kind: "paginated", response: signalSchema }),
  route({ method: "GET", path: "/signals/locked", operationId: "getLockedSignals", tag: "Signals", summary: "How many signals the caller cannot see yet (tier delay or higher tier), as counts", auth: "user", query: lockedSignalsQuerySchema, response: lockedSignalsSchema }),
  route({ method: "GET", path: "/signals/stats", operationId: "getSignalStats", tag: "Signals", summary: "The track record over every closed signal", auth: "user", query: signalStatsQuerySchema, response: signalStatsSchema }),
  route({ method: "GET", path: "/signals/{signalId}", operationId: "getSignal", tag: "Signals", summary: "One signal (404 while the caller's tier may not see it)", auth: "user", params: signalParamsSchema, response: signalSchema, errors: ["NOT_FOUND"] }),
  route({ method: "GET", path: "/pumps", operationId: "listPumps", tag: "Signals", summary: "Recent pumps and dumps, newest first", auth: "user", query: listPumpsQuerySchema, kind: "paginated", response: pumpSchema }),
  route({ method: "POST", path: "/tools/liquidation", operationId: "estimateLiquidation", tag: "Signals", summary: "Liquidation price, margins and fees of a USDⓈ-M perpetual position", description: "The maintenance rate and amount default to the symbol's tier table.", auth: "user", body: liquidationInputSchema, response: liquidationEstimateSchema }),
];

export const robotRoutes: RouteDoc[] = [
  route({ method: "GET", path: "/robot/config", operationId: "getRobotConfig", tag: "Robot", summary: "The caller's robots (one per symbol); ?symbol= → that one", description: "Without `symbol`: an array of robot configs. With `symbol`: that robot (404 if none).", auth: "user", query: robotConfigQuerySchema, response: z.union([z.array(robotConfigSchema), robotConfigSchema]), errors: ["NOT_FOUND"] }),
  route({ method: "PUT", path: "/robot/config", operationId: "saveRobotConfig", tag: "Robot", summary: "Create or replace the robot of body.symbol", auth: "user", body: robotConfigInputSchema, response: robotConfigSchema, errors: ["NOT_FOUND", "CONFLICT", "TIER_REQUIRED"] }),
  route({ method: "GET", path: "/robot/balance", operationId: "getRobotBalance", tag: "Robot", summary: "Paper wallets with equity, and the exchange balances of live robots' keys", auth: "user", response: robotBalanceSchema }),
  route({ method: "GET", path: "/robot/events", operationId: "listRobotEvents", tag: "Robot", summary: "The robot's log, newest first", auth: "user", query: robotEventsQuerySchema, response: z.array(robotEventSchema) }),
  route({ method: "POST", path: "/robot/start", operationId: "startRobots", tag: "Robot", summary: "Start one symbol's robot or all of the caller's robots", auth: "user", body: robotStartSchema, response: startResultSchema, errors: ["NOT_FOUND", "CONFLICT", "TIER_REQUIRED"] }),
  route({ method: "POST", path: "/robot/stop", operationId: "stopRobots", tag: "Robot", summary: "The kill switch: stop one or all robots, closing their positions unless closePositions is false", auth: "user", body: robotStopSchema, response: stopReportSchema, errors: ["NOT_FOUND", "EXCHANGE_UNAVAILABLE"] }),
  route({ method: "GET", path: "/trades", operationId: "listTrades", tag: "Robot", summary: "The caller's trade journal (robot and manual trades)", auth: "user", query: tradeListQuerySchema, kind: "paginated", response: tradeSchema }),
  route({ method: "POST", path: "/trades", operationId: "createTrade", tag: "Robot", summary: "Add a manual trade (closed at once when exitPrice is given)", auth: "user", body: createTradeSchema, status: 201, response: tradeSchema }),
  route({ method: "GET", path: "/trades/stats", operationId: "getTradeStats", tag: "Robot", summary: "Win rate, P&L, profit factor, per-symbol results and the equity curve", auth: "user", query: tradeStatsQuerySchema, response: tradeStatsSchema }),
  route({ method: "GET", path: "/trades/{tradeId}", operationId: "getTrade", tag: "Robot", summary: "One trade of the caller", auth: "user", params: tradeParams, response: tradeSchema, errors: ["NOT_FOUND"] }),
  route({ method: "PATCH", path: "/trades/{tradeId}", operationId: "updateTrade", tag: "Robot", summary: "Close a manual trade with its exit price, or edit notes, tags, fees", auth: "user", params: tradeParams, body: updateTradeSchema, response: tradeSchema, errors: ["NOT_FOUND", "CONFLICT"] }),
];

const aiErrors = ["TIER_REQUIRED", "AI_UPSTREAM_ERROR", "AI_TIMEOUT", "SERVICE_UNAVAILABLE"] as const;

export const aiRoutes: RouteDoc[] = [
  route({ method: "POST", path: "/ai/analyze/{symbol}", operationId: "analyzeSymbol", tag: "AI", summary: "The AI analyst's structured read of a pair (pro and above)", description: "Counts against the daily quota; 429 RATE_LIMITED with Retry-After when it is spent.", auth: "user", params: aiSymbolParamsSchema, response: analysisSchema, errors: ["NOT_FOUND", ...aiErrors] }),
  route({ method: "POST", path: "/ai/chat", operationId: "chatWithAnalyst", tag: "AI", summary: "A conversation with the AI analyst, answered as server-sent events", description: "The header X-AI-Source says whether the model or the offline analyst answers.", auth: "user", body: chatRequestSchema, kind: "raw", contentType: ["text/event-stream"], errors: [...aiErrors], headers: { "X-AI-Source": "model or offline" } }),
  route({ method: "GET", path: "/news", operationId: "listNews", tag: "AI", summary: "Recent market news, newest first (?symbol= for one pair)", auth: "user", query: listNewsQuerySchema, kind: "paginated", response: newsItemSchema }),
  route({ method: "GET", path: "/ai/usage", operationId: "getAiUsage", tag: "AI", summary: "Today's AI quota of the caller and which analyst answers", auth: "user", response: aiUsageSchema }),
];

export const alertRoutes: RouteDoc[] = [
  route({ method: "GET", path: "/alerts", operationId: "listAlerts", tag: "Alerts", summary: "The caller's alerts", auth: "user", query: listAlertsQuerySchema, kind: "paginated", response: alertSchema }),
  route({ method: "POST", path: "/alerts", operationId: "createAlert", tag: "Alerts", summary: "Create an alert (the plan limits how many)", auth: "user", body: createAlertSchema, status: 201, response: alertSchema, errors: ["TIER_REQUIRED", "NOT_FOUND"] }),
  route({ method: "GET", path: "/alerts/{alertId}", operationId: "getAlert", tag: "Alerts", summary: "One of the caller's alerts", auth: "user", params: alertParamsSchema, response: alertSchema, errors: ["NOT_FOUND"] }),
  route({ method: "PATCH", path: "/alerts/{alertId}", operationId: "updateAlert", tag: "Alerts", summary: "Edit an alert, or pause and resume it (status)", auth: "user", params: alertParamsSchema, body: updateAlertSchema, response: alertSchema, errors: ["NOT_FOUND"] }),
  route({ method: "DELETE", path: "/alerts/{alertId}", operationId: "deleteAlert", tag: "Alerts", summary: "Delete an alert", auth: "user", params: alertParamsSchema, response: deletedSchema, errors: ["NOT_FOUND"] }),
  route({ method: "GET", path: "/notifications", operationId: "listNotifications", tag: "Alerts", summary: "The caller's notifications, newest first", auth: "user", query: listNotificationsQuerySchema, kind: "paginated", response: notificationSchema }),
  route({ method: "POST", path: "/notifications/read", operationId: "markNotificationsRead", tag: "Alerts", summary: "Mark {ids} or {all: true} as read", auth: "user", body: markReadSchema, response: markReadResultSchema }),
  route({ method: "GET", path: "/notifications/preferences", operationId: "getNotificationPreferences", tag: "Alerts", summary: "Per notification type: in-app, email, push", auth: "user", response: z.array(notificationPreferenceSchema) }),
  route({ method: "PUT", path: "/notifications/preferences", operationId: "updateNotificationPreferences", tag: "Alerts", summary: "Change the delivery channels of notification types", auth: "user", body: updatePreferencesSchema, response: z.array(notificationPreferenceSchema) }),
  route({ method: "POST", path: "/push/subscriptions", operationId: "savePushSubscription", tag: "Alerts", summary: "Store this browser's Web Push subscription (PushSubscription.toJSON())", auth: "user", body: pushSubscriptionSchema, status: 201, response: pushSubscriptionSavedSchema }),
  route({ method: "DELETE", path: "/push/subscriptions", operationId: "deletePushSubscription", tag: "Alerts", summary: "Remove a Web Push subscription by endpoint", auth: "user", body: deletePushSubscriptionSchema, response: pushSubscriptionDeletedSchema }),
  route({ method: "GET", path: "/push/vapid-public-key", operationId: "getVapidPublicKey", tag: "Alerts", summary: "The applicationServerKey for pushManager.subscribe (null when push is off)", auth: "user", response: vapidKeySchema }),
];

export const adminRoutes: RouteDoc[] = [
  route({ method: "GET", path: "/admin/overview", operationId: "getAdminOverview", tag: "Admin", summary: "Users by plan, sessions, blocks, recent audit volume", auth: "admin", response: adminOverviewSchema }),
  route({ method: "GET", path: "/admin/users", operationId: "listUsers", tag: "Admin", summary: "Every account: search, filter by plan, role and block, sorted", auth: "admin", query: listUsersQuerySchema, kind: "paginated", response: adminUserSchema }),
  route({ method: "GET", path: "/admin/users/{userId}", operationId: "getUserAsAdmin", tag: "Admin", summary: "One account with its counts and recent activity", auth: "admin", params: userIdParamsSchema, response: adminUserDetailSchema, errors: ["NOT_FOUND"] }),
  route({ method: "PATCH", path: "/admin/users/{userId}", operationId: "updateUserAsAdmin", tag: "Admin", summary: "Change an account's plan, role or block", auth: "admin", params: userIdParamsSchema, body: updateUserSchema, response: adminUserSchema, errors: ["NOT_FOUND"] }),
  route({ method: "GET", path: "/admin/blocked-ips", operationId: "listBlockedIps", tag: "Admin", summary: "Blocked client addresses (active, expired or all)", auth: "admin", query: listBlockedIpsQuerySchema, kind: "paginated", response: blockedIpSchema }),
  route({ method: "POST", path: "/admin/blocked-ips", operationId: "blockIp", tag: "Admin", summary: "Block an address", auth: "admin", body: blockIpSchema, status: 201, response: blockedIpSchema }),
  route({ method: "DELETE", path: "/admin/blocked-ips/{ip}", operationId: "unblockIp", tag: "Admin", summary: "Lift the block on an address (URL-encode IPv6 colons if needed)", auth: "admin", params: blockedIpParamsSchema, response: unblockedSchema, errors: ["NOT_FOUND"] }),
  route({ method: "GET", path: "/admin/audit", operationId: "listAuditLog", tag: "Admin", summary: "The audit trail across users, newest first", auth: "admin", query: auditQuerySchema, kind: "paginated", response: adminAuditEntrySchema }),
];
