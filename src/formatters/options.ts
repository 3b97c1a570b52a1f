// Options every formatter accepts, their defaults, and the shape a formatter hands back.

export interface FormatOptions {
  /** ANSI colour in `stylish` and `concise`. The CLI decides (TTY, NO_COLOR, FORCE_COLOR). */
  readonly color?: boolean;
  /** The linter's version: SARIF `tool.driver.semanticVersion`, and `tool.version` in `json`. */
  readonly toolVersion?: string;
  /** SARIF `tool.driver.informationUri`. */
  readonly informationUri?: string;
  /** Base URL that holds `docs/rules/<CODE>.md` (SARIF `helpUri`); a missing final `/` is added. */
  readonly docsBaseUrl?: string;
  /**
   * SARIF `automationDetails.id`, i.e. the GitHub code-scanning category (`--sarif-category`).
   * A value without a trailing `/` gets one, so GitHub reads all of it as the category.
   * The empty string leaves `automationDetails` out, so upload-sarif's own `category` applies.
   */
  readonly sarifCategory?: string;
  /** Most SARIF results per run (GitHub rejects more than 25,000); the least severe go first. */
  readonly maxSarifResults?: number;
}

/** What a formatter produced, plus warnings for the caller to print on stderr. */
export interface FormatOutput {
  readonly text: string;
  readonly warnings: readonly string[];
}

export const TOOL_NAME = 'pysparse-lint';
export const DEFAULT_TOOL_VERSION = '0.0.0-unknown';
/** The project's home; package.json `homepage` and `repository` name it too (test/docs.test.ts checks). */
export const REPOSITORY_URL = 'https://github.com/pysparse/pysparse-lint';
export const DEFAULT_INFORMATION_URI = REPOSITORY_URL;
/** Rule pages are `docs/rules/<CODE>.md` under this. */
export const DEFAULT_DOCS_BASE_URL = `${REPOSITORY_URL}/blob/main/`;
export const DEFAULT_SARIF_CATEGORY = 'pysparse-lint/';
/** GitHub code scanning rejects a run with more results than this. */
export const GITHUB_MAX_RESULTS_PER_RUN = 25_000;
