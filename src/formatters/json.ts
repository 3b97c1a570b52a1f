// The `json` format: a stable, versioned, documented shape for scripts and editor integrations.
//
// Schema (version 1). Positions are 1-based; columns count UTF-16 code units; `endColumn` is
// exclusive. `start`/`end` are 0-based UTF-16 offsets into the file's decoded text. New fields
// may be added within a version; renaming or removing one bumps `version`.
//
// {
//   "version": 1,
//   "tool": { "name": "pysparse-lint", "version": string },
//   "files": [                                   // every linted file, in the engine's order
//     {
//       "file": string,                          // relative to the run's root, "/"-separated
//       "errorCount": number, "warningCount": number, "infoCount": number,
//       "fixableCount": number,                  // findings with a safe fix (`--fix`)
//       "unsafeFixableCount": number,            // findings whose fix needs `--unsafe-fixes`
//       "fixesApplied": number,                  // fixes this run wrote (`--fix`)
//       "findings": [
//         {
//           "ruleId": string,                    // "PSL104", or an engine id: "syntax-error", …
//           "ruleName": string, "severity": "error" | "warning" | "info",
//           "messageId": string, "message": string,
//           "line": number, "column": number, "endLine": number, "endColumn": number,
//           "start": number, "end": number,
//           "fix": null | { "title": string, "safety": "safe" | "unsafe", "edits": Edit[] },
//           "suggestions": [ { "title": string, "edits": Edit[] } ],   // edits may be []
//           "related": [ { "file": string, "message": string,
//                          "line": number, "column": number, "endLine": number, "endColumn": number } ]
//         }
//       ]
//     }
//   ],
//   "notifications": [                           // run problems that are not findings
//     { "level": "error" | "warning" | "note", "code": string, "message": string,
//       "file": string | null, "ruleId": string | null }
//   ]
// }
//
// Edit = { "file": string, "start": number, "end": number, "text": string,
//          "line": number | null, "column": number | null,       // null only when the file's
//          "endLine": number | null, "endColumn": number | null } //   text is not in the report
// An edit replaces [start, end) of the unmodified file with `text`; a fix's edits all apply or none do.
import type { RuleMeta } from '../engine/run/rule.js';
import type { Edit, FileResult, Finding, LintReport, Notification, RelatedLocation } from '../engine/types.js';
import { DEFAULT_TOOL_VERSION, TOOL_NAME, type FormatOptions, type FormatOutput } from './options.js';
import { ReportSources } from './sources.js';

export const JSON_FORMAT_VERSION = 1;

export interface JsonEdit {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly endLine: number | null;
  readonly endColumn: number | null;
}

export interface JsonRelated {
  readonly file: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface JsonFinding {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly severity: Finding['severity'];
  readonly messageId: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly start: number;
  readonly end: number;
  readonly fix: { readonly title: string; readonly safety: 'safe' | 'unsafe'; readonly edits: readonly JsonEdit[] } | null;
  readonly suggestions: readonly { readonly title: string; readonly edits: readonly JsonEdit[] }[];
  readonly related: readonly JsonRelated[];
}

export interface JsonFile {
  readonly file: string;
  readonly errorCount: number;
  readonly warningCount: number;
  readonly infoCount: number;
  readonly fixableCount: number;
  readonly unsafeFixableCount: number;
  readonly fixesApplied: number;
  readonly findings: readonly JsonFinding[];
}

export interface JsonNotification {
  readonly level: Notification['level'];
  readonly code: string;
  readonly message: string;
  readonly file: string | null;
  readonly ruleId: string | null;
}

export interface JsonReport {
  readonly version: typeof JSON_FORMAT_VERSION;
  readonly tool: { readonly name: string; readonly version: string };
  readonly files: readonly JsonFile[];
  readonly notifications: readonly JsonNotification[];
}

export function formatJson(report: LintReport, _rules: readonly RuleMeta[], options: FormatOptions = {}): FormatOutput {
  return { text: `${JSON.stringify(toJsonReport(report, options), null, 2)}\n`, warnings: [] };
}

export function toJsonReport(report: LintReport, options: FormatOptions = {}): JsonReport {
  const sources = new ReportSources(report);
  return {
    version: JSON_FORMAT_VERSION,
    tool: { name: TOOL_NAME, version: options.toolVersion ?? DEFAULT_TOOL_VERSION },
    files: report.files.map((file) => jsonFile(file, sources)),
    notifications: report.notifications.map((n) => ({
      level: n.level,
      code: n.code,
      message: n.message,
      file: n.file ?? null,
      ruleId: n.ruleId ?? null,
    })),
  };
}

function jsonFile(file: FileResult, sources: ReportSources): JsonFile {
  const count = (test: (f: Finding) => boolean) => file.findings.filter(test).length;
  return {
    file: file.file,
    errorCount: count((f) => f.severity === 'error'),
    warningCount: count((f) => f.severity === 'warning'),
    infoCount: count((f) => f.severity === 'info'),
    fixableCount: count((f) => f.fix?.safety === 'safe'),
    unsafeFixableCount: count((f) => f.fix?.safety === 'unsafe'),
    fixesApplied: file.fixesApplied,
    findings: file.findings.map((finding) => jsonFinding(finding, sources)),
  };
}

function jsonFinding(finding: Finding, sources: ReportSources): JsonFinding {
  const { span } = finding;
  const edits = (list: readonly Edit[]) => list.map((edit) => jsonEdit(edit, sources));
  return {
    ruleId: finding.ruleId,
    ruleName: finding.ruleName,
    severity: finding.severity,
    messageId: finding.messageId,
    message: finding.message,
    line: span.startLine,
    column: span.startColumn,
    endLine: span.endLine,
    endColumn: span.endColumn,
    start: span.start,
    end: span.end,
    fix: finding.fix ? { title: finding.fix.title, safety: finding.fix.safety, edits: edits(finding.fix.edits) } : null,
    suggestions: finding.suggestions.map((s) => ({ title: s.title, edits: edits(s.edits) })),
    related: finding.related.map(jsonRelated),
  };
}

function jsonEdit(edit: Edit, sources: ReportSources): JsonEdit {
  const span = sources.editSpan(edit);
  return {
    file: edit.file,
    start: edit.start,
    end: edit.end,
    text: edit.text,
    line: span?.startLine ?? null,
    column: span?.startColumn ?? null,
    endLine: span?.endLine ?? null,
    endColumn: span?.endColumn ?? null,
  };
}

function jsonRelated(related: RelatedLocation): JsonRelated {
  return {
    file: related.file,
    message: related.message,
    line: related.span.startLine,
    column: related.span.startColumn,
    endLine: related.span.endLine,
    endColumn: related.span.endColumn,
  };
}
