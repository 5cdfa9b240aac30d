// Number formatting shared by the analyst's API answers and its sentences. Pure.

function decimalsFor(value: number): number {
  const magnitude = Math.abs(value);
  if (magnitude >= 1_000) return 2;
  if (magnitude >= 1) return 4;
  if (magnitude === 0) return 2;
  // Six significant digits for small prices (0.00001234 → 8 decimals).
  return Math.min(12, 5 - Math.floor(Math.log10(magnitude)));
}

/** A price as a decimal string for the API ("67123.45", "0.00001234"); never exponent notation. */
export function toPriceString(value: number): string {
  const fixed = value.toFixed(decimalsFor(value));
  return fixed.includes(".") ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
}

/** A price for a sentence: grouped thousands ("67,123.45"). */
export function formatPrice(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: decimalsFor(value), minimumFractionDigits: 0 });
}

/** "+2.1 %" / "-0.4 %". */
export function formatPct(value: number, digits = 1): string {
  const rounded = value.toFixed(digits);
  return `${value > 0 ? "+" : ""}${rounded} %`;
}

/** Splits text into word groups that keep their whitespace, so the pieces concatenate to the text. */
export function chunkText(text: string, wordsPerChunk = 4): string[] {
  const tokens = text.match(/\s*\S+/g) ?? [];
  const chunks: string[] = [];
  for (let i = 0; i < tokens.length; i += wordsPerChunk) chunks.push(tokens.slice(i, i + wordsPerChunk).join(""));
  const trailing = /\s+$/.exec(text)?.[0];
  if (trailing && chunks.length > 0) chunks[chunks.length - 1] += trailing;
  return chunks;
}
