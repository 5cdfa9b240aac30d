"use client";

import { useId, useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { matchesQuery, type ApiReference, type ReferenceOperation } from "./reference-model";
import { SchemaTree, typeLabel } from "./schema-tree";

const METHOD_STYLE: Record<string, string> = {
  GET: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  POST: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  PUT: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  PATCH: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
  DELETE: "bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-200",
};

const AUTH_LABEL: Record<ReferenceOperation["auth"], string> = { none: "Public", user: "Signed in", admin: "Admin" };

const anchor = (op: ReferenceOperation) => `op-${op.id}`;

function Operation({ op, schemas }: { op: ReferenceOperation; schemas: ApiReference["schemas"] }) {
  const headingId = useId();
  // Details are rendered only when opened: the whole API expanded is a very large page.
  const [isOpen, setIsOpen] = useState(false);
  const groups = ["path", "query"].map((where) => ({ where, list: op.parameters.filter((p) => p.in === where) })).filter((g) => g.list.length > 0);
  return (
    <details
      id={anchor(op)}
      aria-labelledby={headingId}
      className="scroll-mt-24 rounded-lg border p-4 [&[open]>summary]:mb-4"
      data-testid={`api-op-${op.id}`}
      onToggle={(event) => setIsOpen(event.currentTarget.open)}
    >
      <summary className="cursor-pointer list-outside space-y-1" data-testid={`api-op-${op.id}-toggle`}>
        <h3 id={headingId} className="flex flex-wrap items-center gap-2 text-base font-semibold">
          <span className={`rounded px-2 py-0.5 font-mono text-xs font-bold ${METHOD_STYLE[op.method] ?? ""}`}>{op.method}</span>
          <code className="break-all font-mono text-sm">{op.fullPath}</code>
        </h3>
        <p className="text-sm">{op.summary}</p>
        <div className="flex flex-wrap gap-2 text-xs">
          <Badge variant={op.auth === "none" ? "secondary" : "outline"}>{AUTH_LABEL[op.auth]}</Badge>
          {op.auth !== "none" && <span className="text-muted-foreground">Bearer token or session cookie</span>}
          <span className="font-mono text-muted-foreground">operationId: {op.id}</span>
        </div>
        {op.description && <p className="text-sm text-muted-foreground">{op.description}</p>}
      </summary>
      {isOpen && (
        <div className="space-y-4">
          {groups.map((group) => (
            <section key={group.where} aria-label={`${group.where} parameters`}>
              <h4 className="mb-1 text-sm font-semibold capitalize">{group.where} parameters</h4>
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <thead className="text-xs text-muted-foreground">
                    <tr>
                      <th scope="col" className="py-1 pr-3 font-medium">Name</th>
                      <th scope="col" className="py-1 pr-3 font-medium">Type</th>
                      <th scope="col" className="py-1 font-medium">Notes</th>
                    </tr>
                  </thead>
                  <tbody>
                    {group.list.map((p) => (
                      <tr key={p.name} className="border-t align-top">
                        <td className="py-1 pr-3 font-mono">
                          {p.name}
                          {p.required && <span className="ml-1 text-xs text-amber-700 dark:text-amber-400">required</span>}
                        </td>
                        <td className="py-1 pr-3 font-mono text-xs">{typeLabel(p.schema, schemas)}</td>
                        <td className="py-1 text-xs text-muted-foreground">
                          {[p.description, "default" in p.schema ? `default ${JSON.stringify(p.schema.default)}` : null].filter(Boolean).join(" · ")}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))}

          {op.requestBody && (
            <section aria-label="Request body">
              <h4 className="mb-1 text-sm font-semibold">Request body (JSON)</h4>
              <SchemaTree schema={op.requestBody} schemas={schemas} />
            </section>
          )}

          <section aria-label="Response">
            <h4 className="mb-1 text-sm font-semibold">
              Response {op.success.status}
              <span className="ml-2 text-xs font-normal text-muted-foreground">
                {op.success.kind === "envelope" && "data of the success envelope"}
                {op.success.kind === "paginated" && "data: an array of these, plus pagination"}
                {op.success.kind === "json" && "a bare JSON document (no envelope)"}
                {op.success.kind === "raw" && op.success.contentTypes.join(", ")}
              </span>
            </h4>
            {op.success.schema && <SchemaTree schema={op.success.schema} schemas={schemas} />}
          </section>

          <section aria-label="Errors">
            <h4 className="mb-1 text-sm font-semibold">Errors</h4>
            <ul className="flex flex-wrap gap-2 text-xs">
              {op.errors.map((e) => (
                <li key={e.status} className="rounded border px-2 py-1">
                  <span className="font-mono font-semibold">{e.status}</span> <span className="font-mono">{e.codes.join(", ")}</span>
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
    </details>
  );
}

export function ApiReferenceView({ reference }: { reference: ApiReference }) {
  const [query, setQuery] = useState("");
  const searchId = useId();
  const tags = useMemo(
    () => reference.tags.map((tag) => ({ ...tag, operations: tag.operations.filter((op) => matchesQuery(op, query)) })).filter((tag) => tag.operations.length > 0),
    [reference, query],
  );
  const count = tags.reduce((sum, tag) => sum + tag.operations.length, 0);
  return (
    <div className="grid gap-8 lg:grid-cols-[14rem_1fr]">
      <nav aria-label="API sections" className="lg:sticky lg:top-4 lg:self-start">
        <div className="space-y-1">
          <Label htmlFor={searchId}>Search the API</Label>
          <Input id={searchId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="e.g. holdings, POST, NOT_FOUND" data-testid="api-search" aria-describedby={`${searchId}-count`} />
          <p id={`${searchId}-count`} className="text-xs text-muted-foreground" aria-live="polite">
            {count} {count === 1 ? "operation" : "operations"}
          </p>
        </div>
        <ul className="mt-4 space-y-1 text-sm">
          {tags.map((tag) => (
            <li key={tag.name}>
              <a className="hover:underline" href={`#tag-${tag.name.replace(/\s+/g, "-")}`}>
                {tag.name} <span className="text-muted-foreground">({tag.operations.length})</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="min-w-0 space-y-10">
        {tags.length === 0 && <p role="status">No operation matches “{query}”.</p>}
        {tags.map((tag) => (
          <section key={tag.name} aria-labelledby={`tag-${tag.name.replace(/\s+/g, "-")}`} className="space-y-4">
            <div>
              <h2 id={`tag-${tag.name.replace(/\s+/g, "-")}`} className="scroll-mt-24 text-xl font-semibold">
                {tag.name}
              </h2>
              {tag.description && <p className="text-sm text-muted-foreground">{tag.description}</p>}
            </div>
            {tag.operations.map((op) => (
              <Operation key={`${op.method} ${op.fullPath}`} op={op} schemas={reference.schemas} />
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}
