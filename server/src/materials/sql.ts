/** Placeholders for a multi-row VALUES list: `(?, ?), (?, ?)`. */
export const rowsOf = (count: number, width: number) => Array.from({ length: count }, () => `(${Array(width).fill("?").join(", ")})`).join(", ");

/** Placeholders for an IN list. */
export const marks = (count: number) => Array(count).fill("?").join(", ");

/** Groups items by a key, keeping their order. */
export function groupBy<T>(items: T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}
