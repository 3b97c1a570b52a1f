// Applying fixes as text edits: choose a non-conflicting set, then splice it into the texts.
import type { Edit, Fix } from '../types.js';

/** Two edits conflict when their ranges overlap, or both insert at the same point. */
export function editsConflict(a: Edit, b: Edit): boolean {
  if (a.file !== b.file) return false;
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end || (a.start === a.end && a.start > b.start && a.start < b.end)
    || (b.start === b.end && b.start > a.start && b.start < a.end);
}

/**
 * Greedily keep fixes, in the order given, whose edits conflict with nothing kept so far
 * (neither with each other). A fix's edits are all kept or all left for the next pass.
 */
export function chooseCompatibleFixes(fixes: readonly Fix[]): Fix[] {
  const chosen: Fix[] = [];
  const taken: Edit[] = [];
  for (const fix of fixes) {
    const own = fix.edits;
    const selfConflict = own.some((e, i) => own.some((f, j) => i < j && editsConflict(e, f)));
    if (selfConflict || own.some((e) => taken.some((t) => editsConflict(e, t)))) continue;
    chosen.push(fix);
    taken.push(...own);
  }
  return chosen;
}

/** Apply non-overlapping edits of one file to its text. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const edit of sorted) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** Group the edits of fixes by file. */
export function editsByFile(fixes: readonly Fix[]): Map<string, Edit[]> {
  const byFile = new Map<string, Edit[]>();
  for (const fix of fixes) {
    for (const edit of fix.edits) {
      const list = byFile.get(edit.file) ?? [];
      list.push(edit);
      byFile.set(edit.file, list);
    }
  }
  return byFile;
}
