// The `stylish` format (ESLint's default): findings grouped by file in aligned columns, then totals.
import type { RuleMeta } from '../engine/run/rule.js';
import type { LintReport, Notification, Severity } from '../engine/types.js';
import { displayWidth, oneLine, padEnd, painter, type Painter } from './terminal.js';
import type { FormatOptions, FormatOutput } from './options.js';
import { plural, problemCount, severityOfNotification, tallyReport, type Tally } from './tally.js';

interface Row {
  readonly position: string;
  readonly severity: Severity;
  readonly message: string;
  readonly code: string;
}

interface Group {
  readonly title: string;
  readonly rows: Row[];
}

const SEVERITY_WORD: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'info' };

export function formatStylish(report: LintReport, _rules: readonly RuleMeta[], options: FormatOptions = {}): FormatOutput {
  const paint = painter(options.color);
  const groups = groupRows(report);
  if (groups.length === 0) return { text: '', warnings: [] };
  const blocks = groups.map((group) => renderGroup(group, paint));
  const summary = renderSummary(tallyReport(report), paint);
  return { text: `\n${blocks.join('\n\n')}\n\n${summary.join('\n')}\n`, warnings: [] };
}

/** One group per file with something to say, in report order; run-wide notifications last. */
function groupRows(report: LintReport): Group[] {
  const groups: Group[] = [];
  const byFile = new Map<string, Group>();
  const groupFor = (title: string): Group => {
    let group = byFile.get(title);
    if (!group) {
      group = { title, rows: [] };
      byFile.set(title, group);
      groups.push(group);
    }
    return group;
  };
  const notificationsByFile = new Map<string, Notification[]>();
  const runWide: Row[] = [];
  for (const n of report.notifications) {
    if (n.file === undefined) {
      runWide.push(notificationRow(n));
    } else {
      const list = notificationsByFile.get(n.file);
      if (list) list.push(n);
      else notificationsByFile.set(n.file, [n]);
    }
  }
  for (const file of report.files) {
    const notes = notificationsByFile.get(file.file) ?? [];
    if (file.findings.length === 0 && notes.length === 0) continue;
    const group = groupFor(file.file);
    for (const f of file.findings) {
      group.rows.push({
        position: `${f.span.startLine}:${f.span.startColumn}`,
        severity: f.severity,
        message: oneLine(f.message),
        code: f.ruleId,
      });
    }
  }
  // a file's notifications follow its findings; files the report does not list come after
  for (const [file, notes] of notificationsByFile) groupFor(file).rows.push(...notes.map(notificationRow));
  if (runWide.length) groups.push({ title: '', rows: runWide });
  return groups;
}

function notificationRow(n: Notification): Row {
  return { position: '', severity: severityOfNotification(n.level), message: oneLine(n.message), code: n.code };
}

function renderGroup(group: Group, paint: Painter): string {
  const width = (pick: (row: Row) => string) => Math.max(...group.rows.map((row) => displayWidth(pick(row))));
  const positionWidth = width((r) => r.position);
  const severityWidth = width((r) => SEVERITY_WORD[r.severity]);
  const messageWidth = width((r) => r.message);
  const lines = group.rows.map((row) => {
    const cells = [
      ...(positionWidth > 0 ? [paint.dim(padEnd(row.position, positionWidth))] : []),
      colourSeverity(padEnd(SEVERITY_WORD[row.severity], severityWidth), row.severity, paint),
      padEnd(row.message, messageWidth),
      paint.dim(row.code),
    ];
    return `  ${cells.join('  ')}`.trimEnd();
  });
  const title = group.title === '' ? paint.underline('pysparse-lint') : paint.underline(group.title);
  return [title, ...lines].join('\n');
}

function renderSummary(tally: Tally, paint: Painter): string[] {
  const total = problemCount(tally);
  const parts = [plural(tally.errors, 'error'), plural(tally.warnings, 'warning')];
  if (tally.infos > 0) parts.push(plural(tally.infos, 'info', 'info'));
  const colour = tally.errors > 0 ? paint.red : tally.warnings > 0 ? paint.yellow : paint.cyan;
  const lines = [paint.bold(colour(`✖ ${plural(total, 'problem')} (${parts.join(', ')})`))];
  if (tally.safeFixes > 0) lines.push(`  ${tally.safeFixes} fixable with --fix`);
  if (tally.unsafeFixes > 0) {
    const more = tally.safeFixes > 0 ? 'more ' : '';
    lines.push(`  ${tally.unsafeFixes} ${more}fixable with --fix --unsafe-fixes`);
  }
  return lines;
}

function colourSeverity(text: string, severity: Severity, paint: Painter): string {
  return severity === 'error' ? paint.red(text) : severity === 'warning' ? paint.yellow(text) : paint.cyan(text);
}
