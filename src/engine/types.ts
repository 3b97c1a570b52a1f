// Result types shared by the engine, the rules and the formatters: plain, serializable data.

/**
 * A stretch of one file's decoded text. `start`/`end` are offsets in UTF-16 code units into
 * the decoded text (what JS strings and SARIF `charOffset` use); lines and columns are 1-based,
 * columns in UTF-16 code units, `endColumn` exclusive. Only `SourceText` creates spans.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** Replace `[start, end)` of `file`'s decoded text with `text`. */
export interface Edit {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export type FixSafety = 'safe' | 'unsafe';

/** A change that cures the finding. All of its edits apply, or none do. */
export interface Fix {
  readonly title: string;
  readonly safety: FixSafety;
  readonly edits: readonly Edit[];
}

/** A change offered to a person, never applied by `--fix`. May carry no edits (advice only). */
export interface Suggestion {
  readonly title: string;
  readonly edits: readonly Edit[];
}

export interface RelatedLocation {
  readonly file: string;
  readonly span: Span;
  readonly message: string;
}

/** One diagnostic. `ruleId` is a rule code (`PSL202`) or an engine code (`syntax-error`). */
export interface Finding {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly severity: Severity;
  readonly messageId: string;
  readonly message: string;
  readonly file: string;
  readonly span: Span;
  readonly related: readonly RelatedLocation[];
  readonly fix?: Fix;
  readonly suggestions: readonly Suggestion[];
}

/**
 * Something went wrong that is not a finding about the code: an unreadable or undecodable
 * file, a file too large to parse, a rule that threw. The run goes on.
 */
export interface Notification {
  readonly level: 'error' | 'warning' | 'note';
  readonly code: string;
  readonly message: string;
  readonly file?: string;
  readonly ruleId?: string;
}

/** Everything one run learned about one file. */
export interface FileResult {
  /** Path relative to the run's root folder, with `/` separators. */
  readonly file: string;
  /** Absolute path on disk (or the virtual path given to `lintText`). */
  readonly absolutePath: string;
  /** Decoded text; absent when the file could not be read or decoded. */
  readonly source?: string;
  /** True when the file starts with a UTF-8 byte-order mark (stripped from `source`). */
  readonly bom?: boolean;
  readonly findings: readonly Finding[];
  /** Fixed text, when fixes were applied (`--fix`, `--diff`, `lintText({ fix: true })`). */
  readonly fixedSource?: string;
  readonly fixesApplied: number;
}

export interface LintReport {
  readonly root: string;
  readonly files: readonly FileResult[];
  readonly notifications: readonly Notification[];
  readonly startTime: Date;
  readonly endTime: Date;
}
