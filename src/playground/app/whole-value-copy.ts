import type { WholeValue } from '../protocol.ts';
import { cellSize, type CellRef } from '../panels/whole-value-control.ts';
import type { StatusKind } from './controls.ts';
import type { Turn } from './request-scheduler.ts';
import type { ValueResult } from './runner.ts';

export interface WholeValueCopyDeps {
  /** The page's one-at-a-time queue (RequestScheduler.queue): a read never runs mid-run. */
  queue<T>(task: (turn: Turn) => Promise<T>): Promise<T | undefined>;
  /** Which tables are on screen now (Results.epoch). */
  epoch(): number;
  read(cell: CellRef, signal: AbortSignal): Promise<ValueResult>;
  busy(busy: boolean, message: string, kind?: StatusKind): void;
  status(message: string, kind: StatusKind): void;
}

const CHANGED =
  'The tables have changed since that one was drawn (the code ran, or another action came first): nothing was copied. Try again on the table as it is now.';

/** The text a whole value is copied as: a BLOB as hex, NULL as the word. */
function asText(value: WholeValue): string {
  if (value === null) return 'NULL';
  return typeof value === 'object' ? value.hex : String(value);
}

/**
 * Copies a cut cell's whole value: asks the runtime for it — in the page's queue, after whatever
 * was asked for first — and puts it on the clipboard. The value never goes into the DOM (it may
 * be megabytes). When the tables changed before its turn (a run, a call, other code on screen),
 * the cell on screen no longer says what the database holds: nothing is read.
 */
export async function copyWholeValue(cell: CellRef, drawnAt: number, deps: WholeValueCopyDeps): Promise<void> {
  const where = `${cell.table}.${cell.column}`;
  const unchanged = (turn: Turn): boolean => turn.current() && deps.epoch() === drawnAt;
  // The status is set within the turn: once it ends, the next request may set its own.
  const done = await deps.queue(async (turn): Promise<true> => {
    if (!unchanged(turn)) {
      deps.status(CHANGED, 'warning');
      return true;
    }
    deps.busy(true, `Reading the whole value of ${where}…`);
    const result = await deps.read(cell, turn.signal);
    if (result.kind === 'superseded' || !unchanged(turn)) deps.busy(false, CHANGED, 'warning');
    else if (result.kind === 'refused') deps.busy(false, `Could not read the whole value of ${where}. ${result.message}`, 'error');
    else if (result.kind === 'stopped') deps.busy(false, result.error.message, 'warning');
    else deps.busy(false, ...(await copied(asText(result.value), cell, where)));
    return true;
  });
  // Other code came on screen before its turn.
  if (!done) deps.status(CHANGED, 'warning');
}

async function copied(text: string, cell: CellRef, where: string): Promise<[string, StatusKind]> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No fallback through a selected text area: that would put the whole value into the DOM.
    return [`Could not copy the whole value of ${where}: the browser refused clipboard access. Export the database (Share menu) to get it.`, 'error'];
  }
  return [`Copied the whole value of ${where} (${cellSize(cell)})${cell.blob ? ' as hex' : ''} to the clipboard.`, 'ok'];
}
