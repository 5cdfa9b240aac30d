// Flattens the OpenAPI document into what the /docs/api page renders (pure; runs on the server).

type Json = Record<string, unknown>;

export type ReferenceParameter = { name: string; in: string; required: boolean; schema: Json; description?: string };
export type ReferenceOperation = {
  id: string;
  method: string;
  path: string;
  fullPath: string;
  tag: string;
  summary: string;
  description?: string;
  auth: "none" | "user" | "admin";
  parameters: ReferenceParameter[];
  requestBody?: Json;
  success: { status: string; kind: "envelope" | "paginated" | "json" | "raw"; schema?: Json; contentTypes: string[] };
  errors: { status: string; codes: string[] }[];
};
export type ReferenceTag = { name: string; description: string; operations: ReferenceOperation[] };
export type ApiReference = { title: string; version: string; description: string; tags: ReferenceTag[]; schemas: Record<string, Json> };

const METHODS = ["get", "post", "put", "patch", "delete"];

function successOf(responses: Record<string, Json>): ReferenceOperation["success"] {
  const [status, response] = Object.entries(responses).find(([code]) => code.startsWith("2")) ?? ["200", {}];
  const content = (response.content ?? {}) as Record<string, { schema?: Json }>;
  const contentTypes = Object.keys(content);
  const json = content["application/json"]?.schema;
  if (!json || response["x-response-kind"] === "raw") return { status, kind: "raw", contentTypes };
  const props = json.properties as Record<string, Json> | undefined;
  if (props?.success && props.data) {
    const paginated = Boolean(props.pagination);
    return { status, kind: paginated ? "paginated" : "envelope", schema: paginated ? ((props.data.items as Json) ?? {}) : props.data, contentTypes };
  }
  return { status, kind: "json", schema: json, contentTypes };
}

export function toReference(document: Json): ApiReference {
  const info = document.info as { title: string; version: string; description: string };
  const tagList = (document.tags ?? []) as { name: string; description: string }[];
  const tags = new Map<string, ReferenceTag>(tagList.map((t) => [t.name, { ...t, operations: [] }]));
  const serverUrl = ((document.servers as { url: string }[] | undefined)?.[0]?.url ?? "") as string;
  for (const [path, item] of Object.entries(document.paths as Record<string, Json>)) {
    const base = (item.servers as { url: string }[] | undefined)?.[0]?.url ?? serverUrl;
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const tag = ((op.tags as string[] | undefined)?.[0] ?? "Other") as string;
      if (!tags.has(tag)) tags.set(tag, { name: tag, description: "", operations: [] });
      const responses = op.responses as Record<string, Json>;
      const body = (op.requestBody as { content?: Record<string, { schema?: Json }> } | undefined)?.content?.["application/json"]?.schema;
      tags.get(tag)!.operations.push({
        id: op.operationId as string,
        method: method.toUpperCase(),
        path,
        fullPath: `${base}${path}`,
        tag,
        summary: op.summary as string,
        description: op.description as string | undefined,
        auth: (op["x-auth"] as ReferenceOperation["auth"]) ?? "none",
        parameters: ((op.parameters ?? []) as ReferenceParameter[]).map((p) => ({ name: p.name, in: p.in, required: Boolean(p.required), schema: p.schema, description: p.description })),
        requestBody: body,
        success: successOf(responses),
        errors: Object.entries(responses)
          .filter(([code]) => !code.startsWith("2"))
          .map(([status, r]) => ({ status, codes: (r["x-error-codes"] as string[] | undefined) ?? [String(r.description)] })),
      });
    }
  }
  return {
    title: info.title,
    version: info.version,
    description: info.description,
    tags: [...tags.values()].filter((t) => t.operations.length > 0),
    schemas: (document.components as { schemas: Record<string, Json> }).schemas,
  };
}

/** Operations whose method, path, summary, tag, id or error codes contain every word of the query. */
export function matchesQuery(op: ReferenceOperation, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [op.method, op.fullPath, op.summary, op.description ?? "", op.tag, op.id, ...op.errors.flatMap((e) => e.codes)].join(" ").toLowerCase();
  return words.every((word) => haystack.includes(word));
}
