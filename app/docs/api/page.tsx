import type { Metadata } from "next";
import Link from "next/link";
import { ApiReferenceView } from "@/components/docs/api-reference";
import { toReference } from "@/components/docs/reference-model";
import { getOpenApiDocument } from "@/lib/api/openapi/document";

export const metadata: Metadata = { title: "REST API reference", description: "Every endpoint of the TradePulse REST API v1, from its OpenAPI 3.1 document." };

// Rendered from the same document GET /api/v1/openapi.json serves; nothing is loaded from elsewhere.
export default function ApiDocsPage() {
  const reference = toReference(getOpenApiDocument().document);
  return (
    <main id="main" className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight">{reference.title}</h1>
        <p className="text-sm text-muted-foreground">Version {reference.version} · base path <code>/api/v1</code></p>
        <div className="max-w-3xl space-y-2 text-sm">
          <p>
            JSON in and out. A success answers <code>{"{ success: true, data, meta: { timestamp, requestId } }"}</code>; lists take <code>?page=&amp;limit=</code> (limit ≤ 100)
            and add <code>pagination</code>. An error answers <code>{"{ success: false, error: { code, message, details? }, meta }"}</code>. Another user&apos;s resource answers 404 NOT_FOUND.
          </p>
          <p>
            Signed-in routes take <code>Authorization: Bearer &lt;accessToken&gt;</code> from <code>POST /api/v1/auth/login</code>; the browser&apos;s session cookie works too. Amounts and
            prices are decimal strings; symbols in paths use a dash (<code>BTC-USDT</code>).
          </p>
          <p>
            Machine-readable: <Link className="underline" href="/api/v1/openapi.json">/api/v1/openapi.json</Link> (OpenAPI 3.1) — generate a typed client with{" "}
            <code>npx openapi-typescript</code>.
          </p>
        </div>
      </header>
      <ApiReferenceView reference={reference} />
    </main>
  );
}
