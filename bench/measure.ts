/** Median microseconds per call of `operation` (called with 0, 1, 2, …), after a warm-up. */
export async function medianMicros(operation: (i: number) => unknown, iterations: number, warmup = Math.ceil(iterations / 10)): Promise<number> {
  for (let i = 0; i < warmup; i++) await operation(i);
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await operation(warmup + i);
    samples[i] = (performance.now() - started) * 1000;
  }
  samples.sort();
  return samples[Math.floor(iterations / 2)]!;
}

export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]): string => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
