import type { Autosave, KeptAsideCopy } from '../store/autosave.ts';
import type { Dialogs } from '../ui/dialogs.ts';
import type { StatusKind } from './controls.ts';
import type { Notices } from './notices.ts';
import { plural } from '../ui/dom.ts';

/**
 * A note for every piece of stored data the playground could not read (a damaged or oversized
 * autosave, a damaged history of replaced code), shown on every load until the reader deletes
 * it: it was moved aside rather than overwritten, and can be downloaded as it was stored.
 */
export function showKeptAside(autosave: Autosave, notices: Notices, dialogs: Dialogs, status: (message: string, kind: StatusKind) => void): void {
  const damaged = autosave.damaged;
  if (damaged && !damaged.copy) {
    notices.keptAside(
      `${damaged.problem} It could not be moved aside (${plural(damaged.text.length, 'character')}), so autosave is paused rather than overwrite it: download it, or delete it to resume autosave.`,
      {
        download: () => status(downloadText(fileName(Date.now()), damaged.text), 'ok'),
        discard: async () => {
          if (!(await confirmDelete(dialogs))) return false;
          autosave.discardDamaged();
          return true;
        },
      },
    );
  }
  for (const copy of autosave.keptAside()) {
    const now = damaged?.copy?.key === copy.key;
    const where = now
      ? 'Nothing was overwritten: it is kept aside, untouched'
      : `It has been kept aside, untouched, since ${new Date(copy.keptAt).toLocaleString('en-GB')}`;
    notices.keptAside(`${copy.problem} ${where} (${plural(copy.chars, 'character')}).`, {
      download: () => download(autosave, copy, status),
      discard: async () => {
        if (!(await confirmDelete(dialogs))) return false;
        autosave.discardKeptAside(copy);
        return true;
      },
    });
  }
}

function download(autosave: Autosave, copy: KeptAsideCopy, status: (message: string, kind: StatusKind) => void): void {
  const text = autosave.keptAsideText(copy);
  if (text === null) status('That stored data is gone (another tab may have deleted it).', 'warning');
  else status(downloadText(fileName(copy.keptAt), text), 'ok');
}

function confirmDelete(dialogs: Dialogs): Promise<boolean> {
  return dialogs.confirm('Delete the stored data?', 'It cannot be restored by the playground. Download it first if you may want the code in it.', 'Delete');
}

function fileName(time: number): string {
  return `adapter-lab-autosave-${new Date(time).toISOString().replace(/[:.]/g, '-')}.json`;
}

/** Saves `text` as a file, exactly as stored; returns the status line to show. */
function downloadText(name: string, text: string): string {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return `Downloaded ${name} (${plural(text.length, 'character')}).`;
}
