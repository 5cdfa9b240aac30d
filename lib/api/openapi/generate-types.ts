import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";

/** TypeScript types of an OpenAPI document (openapi-typescript), as committed in test/openapi/generated/schema.d.ts. */
export async function generateTypes(document: unknown): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], { alphabetize: false, exportType: true, defaultNonNullable: false });
  return `${COMMENT_HEADER}// Generated from GET /api/v1/openapi.json by lib/api/openapi/types.int.test.ts.\n// Regenerate: UPDATE_OPENAPI_TYPES=1 npx vitest run --project integration-pglite lib/api/openapi/types.int.test.ts\n\n${astToString(ast)}`;
}
