/**
 * A count as English text, digits grouped by commas ("4,500,000"), as `toLocaleString('en')`
 * writes it — without Intl. A page's first `toLocaleString` initialises ICU's number formatting:
 * about a third of the playground's start-up task, on the first result's path.
 */
export function countText(value: number): string {
  // Fractions, NaN and infinities are rare here: Intl words them.
  if (!Number.isSafeInteger(value)) return value.toLocaleString('en');
  const digits = String(Math.abs(value));
  const head = digits.length % 3 || 3;
  let grouped = digits.slice(0, head);
  for (let at = head; at < digits.length; at += 3) grouped += `,${digits.slice(at, at + 3)}`;
  return value < 0 ? `-${grouped}` : grouped;
}
