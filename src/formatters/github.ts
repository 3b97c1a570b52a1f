// The `github` format: GitHub Actions workflow commands, which show up as annotations on the diff.
import type { RuleMeta } from '../engine/run/rule.js';
import type { Finding, LintReport, Notification, Severity } from '../engine/types.js';
import type { FormatOptions, FormatOutput } from './options.js';

const COMMAND: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };
const NOTIFICATION_COMMAND: Readonly<Record<Notification['level'], string>> = {
  error: 'error',
  warning: 'warning',
  note: 'notice',
};

export function formatGithub(report: LintReport, _rules: readonly RuleMeta[], _options: FormatOptions = {}): FormatOutput {
  const lines: string[] = [];
  for (const file of report.files) for (const finding of file.findings) lines.push(findingCommand(finding));
  for (const n of report.notifications) lines.push(notificationCommand(n));
  return { text: lines.map((line) => `${line}\n`).join(''), warnings: [] };
}

function findingCommand(finding: Finding): string {
  const { span } = finding;
  const sameLine = span.startLine === span.endLine;
  // The checks API takes columns only for a one-line range; elsewhere it would drop the annotation.
  const properties: [string, string | number][] = [
    ['file', finding.file],
    ['line', span.startLine],
    ...(sameLine ? [['col', span.startColumn] as [string, number]] : []),
    ['endLine', span.endLine],
    ...(sameLine ? [['endColumn', span.endColumn] as [string, number]] : []),
    ['title', finding.ruleId],
  ];
  return workflowCommand(COMMAND[finding.severity], properties, finding.message);
}

function notificationCommand(n: Notification): string {
  const properties: [string, string][] = [
    ...(n.file === undefined ? [] : [['file', n.file] as [string, string]]),
    ['title', n.code],
  ];
  return workflowCommand(NOTIFICATION_COMMAND[n.level], properties, n.message);
}

/** `::name key=value,…::message`, escaped as @actions/core's `issueCommand` does. */
export function workflowCommand(name: string, properties: readonly [string, string | number][], message: string): string {
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
