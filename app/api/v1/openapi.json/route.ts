// GET /api/v1/openapi.json – the OpenAPI 3.1 document of the API, public and cacheable (ETag)
import { withApi } from "@/lib/api/handler";
import { getOpenApiDocument } from "@/lib/api/openapi/document";

export const GET = withApi({}, ({ req }) => {
  const { body, etag } = getOpenApiDocument();
  const headers = {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "public, max-age=300, stale-while-revalidate=3600",
    etag,
    "access-control-allow-origin": "*",
  };
  const match = req.headers.get("if-none-match");
  if (match && match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers });
});
