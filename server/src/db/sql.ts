/** Placeholders for a multi-row VALUES list: `(?, ?), (?, ?)`. */
export const rowsOf = (count: number, width: number) => Array.from({ length: count }, () => `(${Array(width).fill("?").join(", ")})`).join(", ");

/** Placeholders for an IN list. */
export const marks = (count: number) => Array(count).fill("?").join(", ");
