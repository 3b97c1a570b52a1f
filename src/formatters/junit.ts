// The `junit` format: JUnit XML, one <testsuite> per file, so CI test views list files as suites.
import type { RuleMeta } from '../engine/run/rule.js';
import type { Finding, LintReport, Notification } from '../engine/types.js';
import { TOOL_NAME, type FormatOptions, type FormatOutput } from './options.js';

interface Case {
  readonly name: string;
  readonly file?: string;
  readonly line?: number;
  /** Absent for a passing case; `system-out` passes too, with a note attached. */
  readonly outcome?: { readonly element: 'failure' | 'error' | 'system-out'; readonly type: string; readonly message: string; readonly body: string };
}

interface Suite {
  readonly name: string;
  readonly classname: string;
  readonly file?: string;
  readonly cases: Case[];
}

export function formatJunit(report: LintReport, _rules: readonly RuleMeta[], _options: FormatOptions = {}): FormatOutput {
  const suites: Suite[] = [];
  const byFile = new Map<string, Suite>();
  const suiteFor = (file: string): Suite => {
    let suite = byFile.get(file);
    if (!suite) {
      suite = { name: file, classname: classnameOf(file), file, cases: [] };
      byFile.set(file, suite);
      suites.push(suite);
    }
    return suite;
  };
  for (const file of report.files) {
    const suite = suiteFor(file.file);
    for (const finding of file.findings) suite.cases.push(findingCase(finding));
  }
  const runWide: Suite = { name: TOOL_NAME, classname: TOOL_NAME, cases: [] };
  for (const n of report.notifications) {
    (n.file === undefined ? runWide : suiteFor(n.file)).cases.push(notificationCase(n));
  }
  if (runWide.cases.length) suites.push(runWide);
  // A file with nothing to report passes: one green case, so test views count it.
  for (const suite of suites) if (suite.cases.length === 0) suite.cases.push({ name: TOOL_NAME, ...fileOf(suite) });

  const failures = (s: Suite) => s.cases.filter((c) => c.outcome?.element === 'failure').length;
  const errors = (s: Suite) => s.cases.filter((c) => c.outcome?.element === 'error').length;
  const sum = (f: (s: Suite) => number) => suites.reduce((n, s) => n + f(s), 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${TOOL_NAME}" tests="${sum((s) => s.cases.length)}" failures="${sum(failures)}" errors="${sum(errors)}" time="0">`,
  ];
  for (const suite of suites) {
    lines.push(
      `  <testsuite name="${attr(suite.name)}" tests="${suite.cases.length}" failures="${failures(suite)}" errors="${errors(suite)}" skipped="0" time="0">`,
    );
    for (const c of suite.cases) lines.push(...renderCase(c, suite.classname));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return { text: `${lines.join('\n')}\n`, warnings: [] };
}

function findingCase(finding: Finding): Case {
  const { span } = finding;
  const where = `${finding.file}:${span.startLine}:${span.startColumn}`;
  const fix = finding.fix ? `\nFix (${finding.fix.safety}): ${finding.fix.title}` : '';
  return {
    name: `${finding.ruleId} (${span.startLine}:${span.startColumn})`,
    file: finding.file,
    line: span.startLine,
    outcome: {
      element: 'failure',
      type: finding.severity,
      message: finding.message,
      body: `${where}: ${finding.ruleId} ${finding.message}${fix}`,
    },
  };
}

/** Errors and warnings about the run fail it as JUnit errors; a note is attached to a passing case. */
function notificationCase(n: Notification): Case {
  return {
    name: n.code,
    ...(n.file === undefined ? {} : { file: n.file }),
    outcome: {
      element: n.level === 'note' ? 'system-out' : 'error',
      type: n.code,
      message: n.message,
      body: `${n.file === undefined ? TOOL_NAME : n.file}: ${n.level}: ${n.message}`,
    },
  };
}

function renderCase(c: Case, classname: string): string[] {
  const attrs = [
    `name="${attr(c.name)}"`,
    `classname="${attr(classname)}"`,
    ...(c.file === undefined ? [] : [`file="${attr(c.file)}"`]),
    ...(c.line === undefined ? [] : [`line="${c.line}"`]),
    'time="0"',
  ].join(' ');
  if (!c.outcome) return [`    <testcase ${attrs}/>`];
  const { element, type, message, body } = c.outcome;
  if (element === 'system-out') return [`    <testcase ${attrs}>`, `      <system-out>${text(body)}</system-out>`, '    </testcase>'];
  return [
    `    <testcase ${attrs}>`,
    `      <${element} type="${attr(type)}" message="${attr(message)}">${text(body)}</${element}>`,
    '    </testcase>',
  ];
}

function fileOf(suite: Suite): { file?: string } {
  return suite.file === undefined ? {} : { file: suite.file };
}

/** Jenkins splits classname at dots into package and class: `src/app/io.py` → `src.app.io`. */
function classnameOf(file: string): string {
  return file.replace(/\.pyi?$/, '').replace(/[/\\]/g, '.');
}

/** Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function text(value: string): string {
  return value
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;'); // a parser would turn a raw CR (or CRLF) into LF
}

/** Attribute values also keep their quotes, tabs and line breaks (a parser would fold raw ones to spaces). */
export function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
