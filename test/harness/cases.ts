// Fixture cases: Python files with inline `# expect:` comments, linted and compared exactly.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '../../src/engine/config/config.js';
import { loadParser } from '../../src/engine/source/parser.js';
import type { FileInput } from '../../src/engine/run/analyze-file.js';
import { lintProject, type FixMode } from '../../src/engine/run/lint-project.js';
import { moduleInfoFor } from '../../src/engine/run/module-name.js';
import type { Rule } from '../../src/engine/run/rule.js';
import type { Finding, LintReport } from '../../src/engine/types.js';

export interface Expectation {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  readonly code: string;
  readonly fragment?: string;
}

/** `# expect: [col] CODE ["fragment"]`, several separated by `;`. */
const EXPECT = /#\s*expect:\s*(.*)$/;
const ONE = /^\s*(?:(\d+)\s+)?([A-Za-z][\w-]*\d*)\s*(?:"([^"]*)")?\s*$/;

export function parseExpectations(file: string, text: string): Expectation[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: Expectation[] = [];
  let pending: Omit<Expectation, 'line'>[] = [];
  lines.forEach((line, index) => {
    const match = EXPECT.exec(line);
    const ownLine = /^\s*#/.test(line);
    const parsed = match ? match[1]!.split(';').filter((s) => s.trim()).map((s) => {
      const one = ONE.exec(s);
      if (!one) throw new Error(`${file}:${index + 1}: cannot read expectation '${s.trim()}'`);
      return { file, code: one[2]!, ...(one[1] ? { column: Number(one[1]) } : {}), ...(one[3] !== undefined ? { fragment: one[3] } : {}) };
    }) : [];
    if (ownLine) {
      pending.push(...parsed);
      return;
    }
    if (line.trim() === '') return;
    for (const p of [...pending, ...parsed]) out.push({ ...p, line: index + 1 });
    pending = [];
  });
  if (pending.length > 0) throw new Error(`${file}: an own-line expectation has no code line after it`);
  return out;
}

/** `# options: {...}` in the first lines of a case. */
export function parseOptions(text: string): Record<string, unknown> {
  for (const line of text.split('\n').slice(0, 5)) {
    const match = /^#\s*options:\s*(\{.*\})\s*$/.exec(line);
    if (match) return JSON.parse(match[1]!) as Record<string, unknown>;
  }
  return {};
}

export function isFixedOutput(name: string): boolean {
  return name.endsWith('.fixed.py') || name.endsWith('.unsafe-fixed.py');
}

/** The Python files of a case: one file, or every source file of a mini-project folder. */
export function caseFiles(casePath: string): string[] {
  if (statSync(casePath).isFile()) return [casePath];
  const out: string[] = [];
  const stack = [casePath];
  while (stack.length) {
    const dir = stack.pop()!;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (/\.pyi?$/.test(entry.name) && !isFixedOutput(entry.name)) out.push(full);
    }
  }
  return out.sort();
}

export async function runCase(casePath: string, rule: Rule, catalogue: readonly Rule[], fix: FixMode): Promise<LintReport> {
  const files = caseFiles(casePath);
  const root = statSync(casePath).isFile() ? path.dirname(casePath) : casePath;
  const firstText = readFileSync(files[0]!, 'utf8');
  const options = parseOptions(statSync(casePath).isFile() ? firstText : readOptionsFile(casePath));
  const config = resolveConfig(catalogue, { select: [rule.code], rules: { [rule.code]: options } }, {}, root);
  const inputs: FileInput[] = files.map((absolutePath) => {
    const relative = path.relative(root, absolutePath).split(path.sep).join('/');
    return { path: relative, absolutePath, content: readFileSync(absolutePath), module: moduleInfoFor(absolutePath, relative) };
  });
  const parser = await loadParser();
  return lintProject(parser, inputs, { root, config, fix }).report;
}

function readOptionsFile(dir: string): string {
  const file = path.join(dir, 'options.json');
  return existsSync(file) ? `# options: ${readFileSync(file, 'utf8').trim()}` : '';
}

/** Compare findings with expectations; returns readable mismatch lines (empty when all match). */
export function compareWithExpectations(report: LintReport, expectations: readonly Expectation[]): string[] {
  const findings: Finding[] = report.files.flatMap((f) => f.findings);
  const unmatched = [...findings];
  const problems: string[] = [];
  for (const e of expectations) {
    const index = unmatched.findIndex((f) => f.file === e.file && f.span.startLine === e.line && f.ruleId === e.code
      && (e.column === undefined || f.span.startColumn === e.column)
      && (e.fragment === undefined || f.message.includes(e.fragment)));
    if (index < 0) problems.push(`  missing: ${e.file}:${e.line}${e.column ? `:${e.column}` : ''} ${e.code}${e.fragment ? ` "${e.fragment}"` : ''}`);
    else unmatched.splice(index, 1);
  }
  for (const f of unmatched) problems.push(`  unexpected: ${f.file}:${f.span.startLine}:${f.span.startColumn} ${f.ruleId} ${f.message}`);
  for (const n of report.notifications) if (n.code === 'internal-error') problems.push(`  internal error: ${n.message}`);
  return problems;
}
