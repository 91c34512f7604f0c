/** Groups items by a key, keeping their order. */
export function groupByKey<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The groups of items with the same key, keeping their order. */
export const groupBy = <T>(items: T[], key: (item: T) => string): T[][] => [...groupByKey(items, key).values()];
