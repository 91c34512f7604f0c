/** 1234 → "12.34" */
export function fenToYuan(fen: number): string {
  return (fen / 100).toFixed(2)
}

/** "12.34" → 1234; null when the text is not an amount of yuan with at most two decimals. */
export function yuanToFen(text: string): number | null {
  const trimmed = text.trim()
  if (trimmed === '') return 0
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return null
  const [whole, part = ''] = trimmed.split('.')
  return Number(whole) * 100 + Number(part.padEnd(2, '0'))
}

/** 10000 → "100", 1050 → "10.5": an amount for a label, without trailing zeros. */
export function yuanLabel(fen: number): string {
  return fenToYuan(fen).replace(/\.?0+$/, '')
}
