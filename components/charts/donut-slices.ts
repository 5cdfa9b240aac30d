// Slice colours of the allocation donut, shared with its legend (a plain module, usable on the server).

/** One slice; `weight` is a fraction of the total (0.25 = 25 %). */
export type DonutSlice = { key: string; valueUsd: number; weight: number };

// Distinct in both themes; "Other" is grey.
export const DONUT_COLORS = ["#6366f1", "#10b981", "#f59e0b", "#0ea5e9", "#f43f5e", "#8b5cf6", "#14b8a6", "#f97316"] as const;
export const DONUT_OTHER_COLOR = "#94a3b8";

export type ColoredSlice = DonutSlice & { fill: string };

/** The slices as drawn: the largest first, the tail folded into "Other", each with its colour. */
export function colorSlices(slices: readonly DonutSlice[], maxSlices: number = DONUT_COLORS.length): ColoredSlice[] {
  const sorted = [...slices].filter((slice) => slice.valueUsd > 0).sort((a, b) => b.valueUsd - a.valueUsd);
  const head = sorted.length > maxSlices ? sorted.slice(0, maxSlices - 1) : sorted;
  const tail = sorted.slice(head.length);
  const colored: ColoredSlice[] = head.map((slice, index) => ({ ...slice, fill: DONUT_COLORS[index % DONUT_COLORS.length]! }));
  if (tail.length) {
    colored.push({
      key: "Other",
      valueUsd: tail.reduce((sum, slice) => sum + slice.valueUsd, 0),
      weight: tail.reduce((sum, slice) => sum + slice.weight, 0),
      fill: DONUT_OTHER_COLOR,
    });
  }
  return colored;
}
