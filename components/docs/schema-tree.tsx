// Renders a JSON Schema (as in the OpenAPI document) as a readable tree: property, type, required,
// constraints and description. $refs to components are followed, with a depth limit against cycles.

type Json = Record<string, unknown>;
export type SchemaMap = Record<string, Json>;

const MAX_DEPTH = 6;

function refName(ref: string): string {
  return ref.split("/").pop() ?? ref;
}

function resolve(schema: Json, schemas: SchemaMap): { schema: Json; name?: string } {
  if (typeof schema.$ref === "string") {
    const name = refName(schema.$ref);
    return { schema: schemas[name] ?? {}, name };
  }
  return { schema };
}

function variants(schema: Json): Json[] | undefined {
  const list = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  return Array.isArray(list) ? list : undefined;
}

/** A short type label: `string (date-time)`, `Portfolio[]`, `"buy" | "sell"`, `number | null`. */
export function typeLabel(input: Json, schemas: SchemaMap): string {
  const { schema, name } = resolve(input, schemas);
  if (name) return name;
  const list = variants(schema);
  if (list) return list.map((v) => typeLabel(v, schemas)).join(" | ");
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if ("const" in schema) return JSON.stringify(schema.const);
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === "string" ? [schema.type] : [];
  if (types.includes("array")) {
    const items = (schema.items ?? (Array.isArray(schema.prefixItems) ? undefined : {})) as Json | undefined;
    if (Array.isArray(schema.prefixItems)) return `[${(schema.prefixItems as Json[]).map((p) => typeLabel(p, schemas)).join(", ")}]`;
    return `${typeLabel(items ?? {}, schemas)}[]`;
  }
  if (types.length === 0) return schema.properties ? "object" : "any";
  const format = typeof schema.format === "string" ? ` (${schema.format})` : "";
  return types.map((t) => (t === "null" ? "null" : `${t}${format}`)).join(" | ");
}

function constraints(schema: Json): string[] {
  const out: string[] = [];
  const pairs: [string, string][] = [
    ["minLength", "min length"],
    ["maxLength", "max length"],
    ["minimum", "≥"],
    ["maximum", "≤"],
    ["exclusiveMinimum", ">"],
    ["minItems", "min items"],
    ["maxItems", "max items"],
    ["pattern", "pattern"],
    ["default", "default"],
  ];
  for (const [key, label] of pairs) if (key in schema) out.push(`${label} ${typeof schema[key] === "string" && key !== "pattern" ? JSON.stringify(schema[key]) : String(schema[key])}`);
  return out;
}

function childrenOf(input: Json, schemas: SchemaMap): { properties?: Record<string, Json>; required: string[]; additional?: Json; items?: Json } {
  const { schema } = resolve(input, schemas);
  const list = variants(schema);
  if (list) {
    const objectVariant = list.map((v) => resolve(v, schemas).schema).find((v) => v.properties || v.items);
    if (objectVariant) return childrenOf(objectVariant, schemas);
  }
  if (schema.properties) return { properties: schema.properties as Record<string, Json>, required: (schema.required as string[]) ?? [] };
  if (schema.items && typeof schema.items === "object") return childrenOf(schema.items as Json, schemas);
  if (schema.additionalProperties && typeof schema.additionalProperties === "object") return { additional: schema.additionalProperties as Json, required: [] };
  return { required: [] };
}

function Node({ name, schema, required, schemas, depth }: { name: string; schema: Json; required: boolean; schemas: SchemaMap; depth: number }) {
  const resolved = resolve(schema, schemas).schema;
  const description = (schema.description ?? resolved.description) as string | undefined;
  const rules = constraints(resolved);
  const kids = depth < MAX_DEPTH ? childrenOf(schema, schemas) : { required: [] };
  return (
    <li className="py-1">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
        <code className="font-mono text-sm font-semibold">{name}</code>
        <span className="font-mono text-xs text-muted-foreground">{typeLabel(schema, schemas)}</span>
        {required ? <span className="text-xs font-medium text-amber-700 dark:text-amber-400">required</span> : <span className="text-xs text-muted-foreground">optional</span>}
        {rules.length > 0 && <span className="text-xs text-muted-foreground">{rules.join(" · ")}</span>}
      </div>
      {description && <p className="text-sm text-muted-foreground">{description}</p>}
      <Children kids={kids} schemas={schemas} depth={depth + 1} />
    </li>
  );
}

function Children({ kids, schemas, depth }: { kids: ReturnType<typeof childrenOf>; schemas: SchemaMap; depth: number }) {
  if (kids.properties && Object.keys(kids.properties).length > 0) {
    return (
      <ul className="ml-3 border-l pl-3">
        {Object.entries(kids.properties).map(([key, value]) => (
          <Node key={key} name={key} schema={value} required={kids.required.includes(key)} schemas={schemas} depth={depth} />
        ))}
      </ul>
    );
  }
  if (kids.additional) {
    return (
      <ul className="ml-3 border-l pl-3">
        <Node name="[key: string]" schema={kids.additional} required={false} schemas={schemas} depth={depth} />
      </ul>
    );
  }
  return null;
}

/** The tree of a schema, starting with its type line. */
export function SchemaTree({ schema, schemas }: { schema: Json; schemas: SchemaMap }) {
  const kids = childrenOf(schema, schemas);
  return (
    <div className="rounded-md border bg-muted/30 p-3 text-sm">
      <p className="font-mono text-xs text-muted-foreground">{typeLabel(schema, schemas)}</p>
      <Children kids={kids} schemas={schemas} depth={1} />
    </div>
  );
}
