import Link from "next/link";

import { Button } from "@/components/ui/button";

type PagerProps = {
  basePath: string;
  /** The current filters, kept on every page link. */
  params: Record<string, string | undefined>;
  pagination: { page: number; totalPages: number; total: number; hasMore: boolean };
  label: string;
};

export function hrefWith(basePath: string, params: Record<string, string | undefined>, overrides: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...overrides })) if (value) search.set(key, value);
  const query = search.toString();
  return query ? `${basePath}?${query}` : basePath;
}

export function Pager({ basePath, params, pagination, label }: PagerProps) {
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-2 text-sm" data-testid="pager">
      {pagination.page > 1 ? (
        <Button asChild variant="outline" size="sm">
          <Link href={hrefWith(basePath, params, { page: pagination.page > 2 ? String(pagination.page - 1) : undefined })} data-testid="pager-prev">
            Previous
          </Link>
        </Button>
      ) : (
        <span />
      )}
      <span className="text-muted-foreground" data-testid="pager-status">
        Page {pagination.page} of {pagination.totalPages} · {pagination.total} in all
      </span>
      {pagination.hasMore ? (
        <Button asChild variant="outline" size="sm">
          <Link href={hrefWith(basePath, params, { page: String(pagination.page + 1) })} data-testid="pager-next">
            Next
          </Link>
        </Button>
      ) : (
        <span />
      )}
    </nav>
  );
}
