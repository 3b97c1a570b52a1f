// Each file's decoded text as a SourceText, built once per report, for positions and snippets.
import { SourceText } from '../engine/source/source-text.js';
import type { Edit, LintReport, Span } from '../engine/types.js';

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
