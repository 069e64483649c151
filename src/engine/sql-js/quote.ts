/** An SQLite identifier as SQL text: double-quoted, inner quotes doubled, so any table or column name is safe. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
