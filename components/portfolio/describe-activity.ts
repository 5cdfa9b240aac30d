// One line of plain English per portfolio activity entry (the actions recorded by lib/portfolio and the exchange sync).

type ActivityEntry = { action: string; details: Record<string, unknown> };

const TYPE_LABEL: Record<string, string> = {
  buy: "buy",
  sell: "sell",
  deposit: "deposit",
  withdraw: "withdrawal",
  transfer_in: "transfer in",
  transfer_out: "transfer out",
  fee: "fee",
  staking_reward: "staking reward",
  airdrop: "airdrop",
};

function text(value: unknown): string | null {
  return typeof value === "string" || typeof value === "number" ? String(value) : null;
}

function trimQuantity(value: string | null): string | null {
  if (value === null) return null;
  return value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
}

function describeTransaction(details: Record<string, unknown>): string {
  const type = text(details.type);
  const quantity = trimQuantity(text(details.quantity));
  const symbol = text(details.symbol);
  const label = type ? (TYPE_LABEL[type] ?? type) : "transaction";
  return [label, quantity, symbol].filter(Boolean).join(" ");
}

export function describeActivity({ action, details }: ActivityEntry): string {
  switch (action) {
    case "portfolio.created":
      if (details.source === "demo seed") return "Created the portfolio with a year of demo trades";
      if (details.source === "exchange sync") return `Created the portfolio from ${text(details.exchange) ?? "an exchange"}`;
      return "Created the portfolio";
    case "portfolio.updated": {
      const fields = Array.isArray(details.fields) ? details.fields.map(String) : [];
      if (fields.includes("isArchived")) return "Archived or restored the portfolio";
      if (fields.includes("targetWeights")) return "Changed the target weights";
      return fields.length ? `Changed the portfolio's ${fields.join(", ")}` : "Changed the portfolio";
    }
    case "transaction.created":
      return `Added a ${describeTransaction(details)}`;
    case "transaction.updated":
      return "Edited a transaction";
    case "transaction.deleted":
      return `Deleted a ${describeTransaction(details)}`;
    case "transactions.imported": {
      const count = Number(details.count ?? 0);
      return `Imported ${count} transaction${count === 1 ? "" : "s"} from CSV`;
    }
    case "share.granted":
      return `Shared with ${text(details.email) ?? "a user"} (${text(details.permission) ?? "view"})`;
    case "share.revoked":
      return "Removed a user's access";
    case "exchange.synced": {
      const trades = Number(details.addedTrades ?? 0);
      const transfers = Number(details.addedTransfers ?? 0);
      return `Synced from the exchange: ${trades} trade${trades === 1 ? "" : "s"}, ${transfers} transfer${transfers === 1 ? "" : "s"}`;
    }
    default:
      return action.replace(/[._]/g, " ");
  }
}
