// Each file's decoded text as a SourceText, built once per report, for positions and snippets.
import { SourceText } from '../engine/source/source-text.js';
import type { Edit, FileResult, Finding, LintReport, RelatedLocation, Span } from '../engine/types.js';

export class ReportSources {
  private readonly texts = new Map<string, string>();
  private readonly built = new Map<string, SourceText>();

  constructor(report: LintReport) {
    for (const file of report.files) {
      if (file.source !== undefined && !this.texts.has(file.file)) this.texts.set(file.file, file.source);
    }
  }

  /** The text of a repo-relative file, or undefined when the run could not read it. */
  get(file: string): SourceText | undefined {
    let source = this.built.get(file);
    if (!source) {
      const text = this.texts.get(file);
      if (text === undefined) return undefined;
      source = new SourceText(text);
      this.built.set(file, source);
    }
    return source;
  }

  /** Where an edit lands in its own (unmodified) file; undefined when that file's text is unknown. */
  editSpan(edit: Edit): Span | undefined {
    return this.get(edit.file)?.span(edit.start, edit.end);
  }
}

/**
 * The report as SARIF consumers see the files: upload-sarif and viewers read the raw UTF-8,
 * where a byte-order mark is a character (U+FEFF) before line 1. Shift every span and edit in
 * such files by that one code unit, so offsets, line-1 columns and line hashes agree.
 */
export function withByteOrderMarks(report: LintReport): LintReport {
  const bomFiles = new Map<string, SourceText>();
  for (const file of report.files) {
    if (file.bom && file.source !== undefined) bomFiles.set(file.file, new SourceText(`\uFEFF${file.source}`));
  }
  if (bomFiles.size === 0) return report;
  const shift = (file: string, span: Span): Span => {
    const text = bomFiles.get(file);
    return text ? text.span(span.start + 1, span.end + 1) : span;
  };
  const shiftEdit = (edit: Edit): Edit => (bomFiles.has(edit.file) ? { ...edit, start: edit.start + 1, end: edit.end + 1 } : edit);
  const shiftFinding = (f: Finding): Finding => ({
    ...f,
    span: shift(f.file, f.span),
    related: f.related.map((r: RelatedLocation) => ({ ...r, span: shift(r.file, r.span) })),
    ...(f.fix ? { fix: { ...f.fix, edits: f.fix.edits.map(shiftEdit) } } : {}),
    suggestions: f.suggestions.map((s) => ({ ...s, edits: s.edits.map(shiftEdit) })),
  });
  const files: FileResult[] = report.files.map((file) => ({
    ...file,
    ...(bomFiles.has(file.file) ? { source: bomFiles.get(file.file)!.text } : {}),
    findings: file.findings.map(shiftFinding),
  }));
  return { ...report, files };
}
