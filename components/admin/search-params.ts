export type RawSearchParams = Record<string, string | string[] | undefined>;

/** First value of each query parameter, as the API's query parser sees them. */
export function flattenSearchParams(params: RawSearchParams): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) flat[key] = first;
  }
  return flat;
}
