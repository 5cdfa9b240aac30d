// What an API key may do, as the exchange reports it. Used to warn when a key can withdraw (the app
// never needs that) and to tell a read-only key from a trading one. A field is absent when the
// exchange did not say.
export type KeyPermissions = {
  canWithdraw?: boolean;
  canTrade?: boolean;
  ipRestricted?: boolean;
  /** The exchange's answer, for display and audit; contains no secret. */
  raw?: Record<string, unknown>;
};

const flag = (value: unknown): boolean | undefined => (typeof value === "boolean" ? value : undefined);

/** Binance GET /sapi/v1/account/apiRestrictions (ccxt sapiGetAccountApiRestrictions). */
export function parseBinanceApiRestrictions(response: unknown): KeyPermissions {
  if (response === null || typeof response !== "object" || Array.isArray(response)) return {};
  const raw = response as Record<string, unknown>;
  const permissions: KeyPermissions = { raw };
  const canWithdraw = flag(raw.enableWithdrawals);
  const canTrade = flag(raw.enableSpotAndMarginTrading);
  const ipRestricted = flag(raw.ipRestrict);
  if (canWithdraw !== undefined) permissions.canWithdraw = canWithdraw;
  if (canTrade !== undefined) permissions.canTrade = canTrade;
  if (ipRestricted !== undefined) permissions.ipRestricted = ipRestricted;
  return permissions;
}
