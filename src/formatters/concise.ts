// The `concise` format (Ruff's): one `path:line:col: CODE message` line per finding, then a count.
import type { RuleMeta } from '../engine/run/rule.js';
import type { Finding, LintReport, Notification } from '../engine/types.js';
import { oneLine, painter, type Painter } from './terminal.js';
import type { FormatOptions, FormatOutput } from './options.js';
import { hasSafeFix, plural, problemCount, tallyReport } from './tally.js';

export function formatConcise(report: LintReport, _rules: readonly RuleMeta[], options: FormatOptions = {}): FormatOutput {
  const paint = painter(options.color);
  const lines: string[] = [];
  for (const file of report.files) for (const finding of file.findings) lines.push(findingLine(finding, paint));
  for (const n of report.notifications) lines.push(notificationLine(n, paint));
  const tally = tallyReport(report);
  const total = problemCount(tally);
  if (total === 0) {
    lines.push(paint.bold('All checks passed!'));
    return { text: `${lines.join('\n')}\n`, warnings: [] };
  }
  lines.push(`Found ${plural(total, 'problem')}.`);
  const hidden =
    tally.unsafeFixes > 0
      ? `${plural(tally.unsafeFixes, 'hidden fix', 'hidden fixes')} can be enabled with the \`--unsafe-fixes\` option`
      : '';
  if (tally.safeFixes > 0) {
    lines.push(`${paint.cyan('[*]')} ${tally.safeFixes} fixable with the \`--fix\` option${hidden ? ` (${hidden})` : ''}.`);
  } else if (hidden) {
    lines.push(`No fixes available (${hidden}).`);
  }
  return { text: `${lines.join('\n')}\n`, warnings: [] };
}

function findingLine(finding: Finding, paint: Painter): string {
  const { span } = finding;
  const marker = hasSafeFix(finding) ? ` ${paint.cyan('[*]')}` : '';
  return `${location(finding.file, paint)}:${span.startLine}:${span.startColumn}: ${paint.bold(paint.red(finding.ruleId))}${marker} ${oneLine(finding.message)}`;
}

function notificationLine(n: Notification, paint: Painter): string {
  const where = n.file === undefined ? paint.bold('pysparse-lint') : location(n.file, paint);
  return `${where}: ${paint.bold(paint.red(n.code))} ${oneLine(n.message)}`;
}

function location(file: string, paint: Painter): string {
  return paint.bold(file);
}
