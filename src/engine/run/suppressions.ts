// `# noqa`, `# noqa: CODE, CODE` and file-level `# pysparse-lint: noqa[: CODES]` comments:
// reading them, finding the ones that suppress nothing (PSL001), and adding new ones (--add-noqa).
import type { ResolvedConfig } from '../config/config.js';
import { walk, type SyntaxNode } from '../source/syntax.js';
import type { SourceText } from '../source/source-text.js';
import type { Finding, Span } from '../types.js';
import { createRuleContext } from './report.js';
import type { EditInput } from './rule.js';

/** Codes suppressed, or 'all'. Plain data so it can be cached and sent across threads. */
export type Suppressed = 'all' | readonly string[];

/** One code written in a noqa comment, with its offsets in the decoded text. */
export interface NoqaCode {
  readonly code: string;
  readonly start: number;
  readonly end: number;
}

/** A noqa comment (or the noqa part of a longer comment), with what removing it takes. */
export interface NoqaDirective {
  readonly kind: 'line' | 'file';
  /** 1-based line of the comment. */
  readonly line: number;
  /** The directive text, `# noqa: PSL202, PSL104`. */
  readonly span: Span;
  /** The codes as written (upper-cased); empty for a bare `# noqa`. */
  readonly codes: readonly NoqaCode[];
  /** Where the code list sits, to rewrite it; null for a bare directive. */
  readonly codeList: { readonly start: number; readonly end: number } | null;
  /** The edit that removes the whole directive (and its line, when the line holds nothing else). */
  readonly removal: { readonly start: number; readonly end: number; readonly text: string };
}

export interface Suppressions {
  readonly file: Suppressed | null;
  /** 1-based line → what a `# noqa` on that line suppresses. */
  readonly lines: readonly (readonly [number, Suppressed])[];
  /** Every directive with its position, for `unused-noqa`; absent in data made before it existed. */
  readonly directives?: readonly NoqaDirective[];
}

const CODES = String.raw`(?<codes>[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*)`;
const FILE_NOQA = new RegExp(String.raw`^#\s*pysparse-lint\s*:\s*noqa\b(?:\s*:\s*${CODES})?`, 'id');
const LINE_NOQA = new RegExp(String.raw`#\s*noqa\b(?:\s*:\s*${CODES})?`, 'id');
const ONE_CODE = /[A-Za-z]+[0-9]+/g;

/** Read suppression comments from the tree's comment tokens (never from inside strings). */
export function collectSuppressions(root: SyntaxNode, source: SourceText): Suppressions {
  let file: Suppressed | null = null;
  const lines: [number, Suppressed][] = [];
  const directives: NoqaDirective[] = [];
  walk(root, (node) => {
    if (node.type !== 'comment') return;
    const fileMatch = FILE_NOQA.exec(node.text);
    if (fileMatch) {
      file = merge(file, parseCodes(fileMatch.groups?.codes));
      directives.push(directiveOf('file', node, fileMatch, source));
      return;
    }
    const lineMatch = LINE_NOQA.exec(node.text);
    if (lineMatch) {
      const directive = directiveOf('line', node, lineMatch, source);
      lines.push([directive.line, parseCodes(lineMatch.groups?.codes)]);
      directives.push(directive);
    }
  });
  return { file, lines, directives };
}

function directiveOf(kind: NoqaDirective['kind'], comment: SyntaxNode, match: RegExpExecArray, source: SourceText): NoqaDirective {
  const start = comment.start + match.index;
  const end = start + match[0].length;
  const line = source.position(comment.start).line;
  const range = match.indices?.groups?.codes;
  const codeList = range ? { start: comment.start + range[0], end: comment.start + range[1] } : null;
  const codes: NoqaCode[] = [];
  if (codeList) {
    for (const m of source.text.slice(codeList.start, codeList.end).matchAll(ONE_CODE)) {
      codes.push({ code: m[0].toUpperCase(), start: codeList.start + m.index, end: codeList.start + m.index + m[0].length });
    }
  }
  return { kind, line, span: source.span(start, end), codes, codeList, removal: removalOf(comment, start, end, line, source) };
}

/** The edit that takes a directive out and leaves valid, tidy code. */
function removalOf(comment: SyntaxNode, start: number, end: number, line: number, source: SourceText): NoqaDirective['removal'] {
  const text = source.text;
  const rest = text.slice(end, comment.end);
  const restIndent = rest.length - rest.trimStart().length;
  if (start > comment.start) {
    // `# type: ignore  # noqa: X`: drop the directive and the blanks before it.
    let from = start;
    while (from > comment.start && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
    return { start: from, end, text: '' };
  }
  if (rest.trim() === '') {
    const lineStart = source.lineStart(line);
    if (text.slice(lineStart, comment.start).trim() === '') {
      const next = line < source.lineCount ? source.lineStart(line + 1) : text.length;
      return { start: lineStart, end: next, text: '' };
    }
    let from = comment.start;
    while (from > lineStart && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
    return { start: from, end: comment.end, text: '' };
  }
  // `# noqa: X  # reason` keeps `# reason`; `# noqa: X reason` keeps `# reason`.
  return { start, end: end + restIndent, text: rest.trimStart().startsWith('#') ? '' : '# ' };
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

// ---------------------------------------------------------------- unused noqa (PSL001)

/** The opt-in rule that reports noqa codes that suppress nothing (Ruff's RUF100). */
export const UNUSED_NOQA_CODE = 'PSL001';

/** Our own code namespace: an unknown `PSLnnn` is a typo, any other unknown code belongs to another tool. */
const OWN_CODE = /^PSL[0-9]+$/;

type Verdict = 'used' | 'unused' | 'non-enabled' | 'unknown' | 'foreign';

/**
 * PSL001 findings for every noqa code that suppressed nothing in this pass. `findings` are all
 * findings before suppression. Judged: codes of the catalogue (and unknown `PSL…` codes); a
 * code for a rule that did not run is "non-enabled" (as in Ruff). Never judged: bare `# noqa`
 * and codes of other tools (`E501`), which other linters read too.
 */
export function unusedNoqaFindings(
  analyses: ReadonlyMap<string, { readonly suppressions: Suppressions }>,
  findings: readonly Finding[],
  config: ResolvedConfig,
): Finding[] {
  const rule = config.rules.find((r) => r.code === UNUSED_NOQA_CODE);
  if (!rule) return [];
  const catalogue = [...config.settings.keys()];
  const enabled = new Set(config.rules.map((r) => r.code));
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const sink: Finding[] = [];
  for (const [file, analysis] of analyses) {
    const directives = analysis.suppressions.directives ?? [];
    if (directives.length === 0) continue;
    const ctx = createRuleContext(rule, file, config.settings, sink);
    const fileFindings = byFile.get(file) ?? [];
    for (const directive of directives) {
      const inScope = directive.kind === 'file' ? fileFindings : fileFindings.filter((f) => f.span.startLine === directive.line);
      const verdicts = directive.codes.map((c) => verdictOf(c.code, catalogue, enabled, inScope));
      const flagged = directive.codes.filter((_, i) => verdicts[i] !== 'used' && verdicts[i] !== 'foreign');
      if (flagged.length === 0) continue;
      const kept = directive.codes.filter((_, i) => verdicts[i] === 'used' || verdicts[i] === 'foreign');
      const edit: EditInput = kept.length === 0 || directive.codeList === null
        ? directive.removal
        : { start: directive.codeList.start, end: directive.codeList.end, text: kept.map((c) => c.code).join(', ') };
      ctx.report({
        span: directive.span,
        messageId: 'unusedNoqa',
        data: { details: describeVerdicts(directive.codes, verdicts) },
        fix: { safety: 'safe', edits: [edit], title: kept.length === 0 ? 'Remove the `noqa` directive' : 'Remove the unused codes' },
      });
    }
  }
  return sink;
}

function verdictOf(code: string, catalogue: readonly string[], enabled: ReadonlySet<string>, inScope: readonly Finding[]): Verdict {
  // A code that covers PSL001 itself would judge its own findings: leave it alone.
  if (UNUSED_NOQA_CODE.startsWith(code)) return 'foreign';
  const covered = catalogue.filter((c) => c.startsWith(code));
  if (covered.length === 0) return OWN_CODE.test(code) ? 'unknown' : 'foreign';
  if (!covered.some((c) => enabled.has(c))) return 'non-enabled';
  return inScope.some((f) => f.ruleId.startsWith(code)) ? 'used' : 'unused';
}

function describeVerdicts(codes: readonly NoqaCode[], verdicts: readonly Verdict[]): string {
  const groups: string[] = [];
  for (const kind of ['unused', 'non-enabled', 'unknown'] as const) {
    const list = codes.filter((_, i) => verdicts[i] === kind).map((c) => `\`${c.code}\``);
    if (list.length > 0) groups.push(`${kind}: ${list.join(', ')}`);
  }
  return groups.join('; ');
}

// ---------------------------------------------------------------- adding noqa (--add-noqa)

export interface NoqaInsertion {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly line: number;
  readonly codes: readonly string[];
}

export interface NoqaPlan {
  readonly edits: readonly NoqaInsertion[];
  /** Lines that cannot take a comment: they end inside a string or continue with a backslash. */
  readonly skipped: readonly { readonly line: number; readonly codes: readonly string[]; readonly reason: string }[];
}

/**
 * Edits that add `# noqa: CODES` to each line (1-based) of `wanted`, merging with a noqa comment
 * already there and appending after any other comment. A line whose end lies inside a string (a
 * multi-line string) or that continues with `\` is skipped: a comment there would change code.
 */
export function planNoqaInsertions(root: SyntaxNode, source: SourceText, wanted: ReadonlyMap<number, readonly string[]>): NoqaPlan {
  const comments = new Map<number, SyntaxNode>();
  const multiLineStrings: SyntaxNode[] = [];
  walk(root, (node) => {
    if (node.type === 'comment') {
      comments.set(source.position(node.start).line, node);
      return false;
    }
    if (node.type === 'string') {
      if (source.position(node.start).line !== source.position(node.end).line) multiLineStrings.push(node);
      return false;
    }
    return undefined;
  });
  const edits: NoqaInsertion[] = [];
  const skipped: { line: number; codes: readonly string[]; reason: string }[] = [];
  for (const [line, rawCodes] of [...wanted].sort(([a], [b]) => a - b)) {
    const codes = [...new Set(rawCodes.map((c) => c.toUpperCase()))].sort();
    const end = source.lineEnd(line);
    if (multiLineStrings.some((s) => s.start < end && s.end > end)) {
      skipped.push({ line, codes, reason: 'the line ends inside a multi-line string' });
      continue;
    }
    const comment = comments.get(line);
    if (!comment) {
      const content = source.lineText(line).trimEnd();
      if (content.endsWith('\\')) {
        skipped.push({ line, codes, reason: 'the line continues with a backslash' });
        continue;
      }
      const at = source.lineStart(line) + content.length;
      edits.push({ start: at, end: end, text: `  # noqa: ${codes.join(', ')}`, line, codes });
      continue;
    }
    const match = LINE_NOQA.exec(comment.text);
    if (match && !match.groups?.codes) continue; // a bare `# noqa` already covers every code
    if (match) {
      const present = parseCodes(match.groups?.codes) as readonly string[];
      const missing = codes.filter((c) => !present.some((p) => c === p || c.startsWith(p)));
      if (missing.length === 0) continue;
      const at = comment.start + match.indices!.groups!.codes![1];
      edits.push({ start: at, end: at, text: `, ${missing.join(', ')}`, line, codes: missing });
      continue;
    }
    const content = source.text.slice(comment.start, comment.end).trimEnd();
    const at = comment.start + content.length;
    edits.push({ start: at, end: Math.max(at, Math.min(end, comment.end)), text: `  # noqa: ${codes.join(', ')}`, line, codes });
  }
  return { edits, skipped };
}
