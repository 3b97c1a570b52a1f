// Output formats: pick one by name and turn a LintReport into text. Pure: formatters never print.
import type { RuleMeta } from '../engine/run/rule.js';
import type { LintReport } from '../engine/types.js';
import { formatConcise } from './concise.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import type { FormatOptions, FormatOutput } from './options.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export const FORMAT_NAMES = ['stylish', 'concise', 'json', 'github', 'junit', 'sarif'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

type Formatter = (report: LintReport, rules: readonly RuleMeta[], options?: FormatOptions) => FormatOutput;

const FORMATTERS: Readonly<Record<FormatName, Formatter>> = {
  stylish: formatStylish,
  concise: formatConcise,
  json: formatJson,
  github: formatGithub,
  junit: formatJunit,
  sarif: formatSarif,
};

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/** The text, plus warnings for stderr (e.g. SARIF results left out to stay under GitHub's cap). */
export function renderReport(
  report: LintReport,
  rules: readonly RuleMeta[],
  format: FormatName,
  options: FormatOptions = {},
): FormatOutput {
  return FORMATTERS[format](report, rules, options);
}

/** The text only; callers that can print warnings should use `renderReport`. */
export function formatReport(
  report: LintReport,
  rules: readonly RuleMeta[],
  format: FormatName,
  options: FormatOptions = {},
): string {
  return renderReport(report, rules, format, options).text;
}

export type { FormatOptions, FormatOutput } from './options.js';
export {
  DEFAULT_DOCS_BASE_URL,
  DEFAULT_INFORMATION_URI,
  DEFAULT_SARIF_CATEGORY,
  GITHUB_MAX_RESULTS_PER_RUN,
} from './options.js';
export { buildSarifLog, type SarifBuild } from './sarif.js';
export { toJsonReport, JSON_FORMAT_VERSION, type JsonReport } from './json.js';
export { lineHashes } from './fingerprints.js';
