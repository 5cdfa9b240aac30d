import Link from "next/link";

import { describeActivity } from "./describe-activity";
import { formatDateTime } from "./format";

export type ActivityItem = {
  id: string;
  action: string;
  details: Record<string, unknown>;
  createdAt: string;
  actorName: string | null;
  actorEmail: string | null;
  portfolio?: { id: string; name: string };
};

type ActivityListProps = {
  items: readonly ActivityItem[];
  testId: string;
  emptyText: string;
};

export function ActivityList({ items, testId, emptyText }: ActivityListProps) {
  if (items.length === 0) {
    return (
      <p className="text-sm text-muted-foreground" data-testid={testId}>
        {emptyText}
      </p>
    );
  }
  return (
    <ol className="flex flex-col divide-y" data-testid={testId}>
      {items.map((item) => (
        <li key={item.id} className="flex flex-col gap-0.5 py-2.5 first:pt-0 last:pb-0" data-testid="activity-row">
          <p className="text-sm">{describeActivity(item)}</p>
          <p className="text-xs text-muted-foreground">
            {formatDateTime(item.createdAt)}
            {item.actorName || item.actorEmail ? ` · ${item.actorName ?? item.actorEmail}` : ""}
            {item.portfolio ? (
              <>
                {" · "}
                <Link href={`/portfolios/${item.portfolio.id}`} className="underline-offset-4 hover:underline">
                  {item.portfolio.name}
                </Link>
              </>
            ) : null}
          </p>
        </li>
      ))}
    </ol>
  );
}
