// Counts by severity and fixability, shared by the summaries of the text formats.
import type { Finding, LintReport, Notification, Severity } from '../engine/types.js';

export interface Tally {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** Findings `--fix` can cure on its own. */
  readonly safeFixes: number;
  /** Findings that also need `--unsafe-fixes`. */
  readonly unsafeFixes: number;
}

export function severityOfNotification(level: Notification['level']): Severity {
  return level === 'note' ? 'info' : level;
}

/** Findings plus notifications (an unreadable file counts as an error, as ESLint counts fatal ones). */
export function tallyReport(report: LintReport): Tally {
  const counts = { error: 0, warning: 0, info: 0 };
  let safeFixes = 0;
  let unsafeFixes = 0;
  for (const file of report.files) {
    for (const finding of file.findings) {
      counts[finding.severity]++;
      if (hasSafeFix(finding)) safeFixes++;
      else if (finding.fix?.safety === 'unsafe') unsafeFixes++;
    }
  }
  for (const notification of report.notifications) counts[severityOfNotification(notification.level)]++;
  return { errors: counts.error, warnings: counts.warning, infos: counts.info, safeFixes, unsafeFixes };
}

export function problemCount(tally: Tally): number {
  return tally.errors + tally.warnings + tally.infos;
}

/** Fixes always carry edits (the rule context drops empty ones), so safety alone decides. */
export function hasSafeFix(finding: Finding): boolean {
  return finding.fix?.safety === 'safe';
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
