import { el } from '../ui/dom.ts';
import { countText } from '../count-text.ts';

/** A cell whose value the runtime cut short, as the page asks the runtime for it whole. */
export interface CellRef {
  readonly table: string;
  /** RowView.key: the rowid, or the primary key of a WITHOUT ROWID table. */
  readonly key: string;
  readonly column: string;
  /** The stored value's full length: characters of TEXT, bytes of a BLOB. */
  readonly length: number;
  readonly blob: boolean;
}

/** What the Tables panel does with a cut cell's whole value: read it from the runtime and copy it. */
export type WholeValueAction = (cell: CellRef) => void;

/** How a cell's full size reads: "2,000,000 characters", "1,000 bytes". */
export function cellSize(cell: Pick<CellRef, 'length' | 'blob'>): string {
  return `${countText(cell.length)} ${cell.blob ? 'bytes' : 'characters'}`;
}

/**
 * The button beside a cut cell that copies its whole value. Only cut cells get one (a few per
 * table), so each has its own listener. The name says which cell and how much: a screen reader
 * meets many such buttons in a table.
 */
export function wholeValueButton(cell: CellRef, action: WholeValueAction): HTMLButtonElement {
  const text = cell.blob ? 'Copy whole value as hex' : 'Copy whole value';
  const button = el(
    'button',
    {
      type: 'button',
      class: 'pg-text-button pg-whole-value',
      'aria-label': `${text} of ${cell.column} (${cellSize(cell)})`,
    },
    text,
  );
  button.addEventListener('click', () => action(cell));
  return button;
}
