// `# noqa`, `# noqa: CODE, CODE` and file-level `# pysparse-lint: noqa[: CODES]` comments.
import { walk, type SyntaxNode } from '../source/syntax.js';
import type { SourceText } from '../source/source-text.js';

/** Codes suppressed, or 'all'. Plain data so it can be cached and sent across threads. */
export type Suppressed = 'all' | readonly string[];

export interface Suppressions {
  readonly file: Suppressed | null;
  /** 1-based line → what a `# noqa` on that line suppresses. */
  readonly lines: readonly (readonly [number, Suppressed])[];
}

const FILE_NOQA = /^#\s*pysparse-lint\s*:\s*noqa\b(?:\s*:\s*(?<codes>[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*))?/i;
const LINE_NOQA = /#\s*noqa\b(?:\s*:\s*(?<codes>[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*))?/i;

/** Read suppression comments from the tree's comment tokens (never from inside strings). */
export function collectSuppressions(root: SyntaxNode, source: SourceText): Suppressions {
  let file: Suppressed | null = null;
  const lines: [number, Suppressed][] = [];
  walk(root, (node) => {
    if (node.type !== 'comment') return;
    const fileMatch = FILE_NOQA.exec(node.text);
    if (fileMatch) {
      file = merge(file, parseCodes(fileMatch.groups?.codes));
      return;
    }
    const lineMatch = LINE_NOQA.exec(node.text);
    if (lineMatch) lines.push([source.position(node.start).line, parseCodes(lineMatch.groups?.codes)]);
  });
  return { file, lines };
}

function parseCodes(codes: string | undefined): Suppressed {
  return codes ? codes.split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase()) : 'all';
}

function merge(a: Suppressed | null, b: Suppressed): Suppressed {
  if (a === null) return b;
  if (a === 'all' || b === 'all') return 'all';
  return [...a, ...b];
}

/** Whether a finding of `code` starting on `line` is suppressed. Codes match by prefix (`PSL2`). */
export function isSuppressed(s: Suppressions, code: string, line: number): boolean {
  if (covers(s.file, code)) return true;
  return s.lines.some(([l, codes]) => l === line && covers(codes, code));
}

function covers(s: Suppressed | null, code: string): boolean {
  if (s === null) return false;
  return s === 'all' || s.some((c) => code === c || code.startsWith(c));
}
