// --add-noqa: write `# noqa: CODE` on the line of each finding, in the file's own encoding.
import { readFileSync, statSync } from 'node:fs';
import { decodeSource } from '../source/decode.js';
import { loadParser, parseText } from '../source/parser.js';
import { SourceText } from '../source/source-text.js';
import { copyTree, type SyntaxNode } from '../source/syntax.js';
import type { LintReport, Notification } from '../types.js';
import { writeFixedFile } from './lint-files.js';
import { planNoqaInsertions } from './suppressions.js';
import { isRuleCode } from './rule.js';

export interface AddNoqaResult {
  readonly filesChanged: number;
  /** Codes added (a line that gets two codes counts two). */
  readonly codesAdded: number;
  /** Lines that could not take a comment, and files that could not be written. */
  readonly notifications: readonly Notification[];
}

/**
 * Add noqa comments for every rule finding of `report` to the files on disk. A file that
 * changed since it was linted is left alone, as is one whose parse the comments would break.
 */
export async function addNoqaComments(report: LintReport): Promise<AddNoqaResult> {
  const parser = await loadParser();
  const notifications: Notification[] = [];
  let filesChanged = 0;
  let codesAdded = 0;
  for (const result of report.files) {
    const wanted = new Map<number, string[]>();
    for (const finding of result.findings) {
      if (!isRuleCode(finding.ruleId)) continue;
      const list = wanted.get(finding.span.startLine) ?? [];
      list.push(finding.ruleId);
      wanted.set(finding.span.startLine, list);
    }
    if (wanted.size === 0) continue;
    const problem = (message: string): void => {
      notifications.push({ level: 'warning', code: 'noqa-not-added', file: result.file, message: `${result.file}: ${message}` });
    };
    let bytes: Buffer;
    let mtime: number;
    try {
      bytes = readFileSync(result.absolutePath);
      mtime = statSync(result.absolutePath).mtimeMs;
    } catch (error) {
      problem(`cannot read it again (${(error as Error).message}): no noqa comments added`);
      continue;
    }
    const decoded = decodeSource(bytes);
    // After --fix the findings are about the fixed text, which is what the disk holds now.
    if (!decoded.ok || decoded.value.text !== (result.fixedSource ?? result.source)) {
      problem('changed on disk since it was linted: no noqa comments added');
      continue;
    }
    const text = decoded.value.text;
    const before = parseCopy(parser, text);
    const source = new SourceText(text);
    const plan = planNoqaInsertions(before.root, source, wanted);
    for (const skip of plan.skipped) problem(`line ${skip.line}: no \`# noqa: ${skip.codes.join(', ')}\` added: ${skip.reason}`);
    if (plan.edits.length === 0) continue;
    let fixed = text;
    for (const edit of [...plan.edits].sort((a, b) => b.start - a.start)) fixed = fixed.slice(0, edit.start) + edit.text + fixed.slice(edit.end);
    if (parseCopy(parser, fixed).errorCount > before.errorCount) {
      problem('adding noqa comments would break its syntax: none added');
      continue;
    }
    const failure = writeFixedFile(result.absolutePath, fixed, { name: decoded.value.encoding, bom: decoded.value.bom }, mtime);
    if (failure) {
      problem(failure);
      continue;
    }
    filesChanged++;
    codesAdded += plan.edits.reduce((n, e) => n + e.codes.length, 0);
  }
  return { filesChanged, codesAdded, notifications };
}

function parseCopy(parser: Awaited<ReturnType<typeof loadParser>>, text: string): { root: SyntaxNode; errorCount: number } {
  const tree = parseText(parser, text);
  try {
    return copyTree(tree, text);
  } finally {
    tree.delete();
  }
}
