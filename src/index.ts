// Public API: explicit named exports only.
import { builtinRules } from './rules/index.js';
import { Linter, type LintTextOptions, type LintTextResult } from './engine/run/linter.js';
import { findConfigFile, readConfigFile, type UserConfig } from './engine/config/config.js';
import type { LintReport } from './engine/types.js';
import type { LintFilesOptions } from './engine/run/lint-files.js';

export { Linter, builtinRules };
export type { LintTextOptions, LintTextResult, LintFilesOptions };
export { defineRule, formatMessage } from './engine/run/rule.js';
export type {
  Rule, FileRule, ProjectRule, RuleMeta, RuleContext, FileContext, RuleDocs, RuleFamily, RuleTier,
  Fixable, Precision, OptionSpec, OptionSpecs, OptionValues, ReportInput, FixInput, EditInput, SuggestionInput,
} from './engine/run/rule.js';
export type {
  Span, Severity, Edit, Fix, FixSafety, Suggestion, RelatedLocation, Finding, Notification, FileResult, LintReport,
} from './engine/types.js';
export type { FileFacts, FunctionFact, ClassFact, CallFact, ImportFact, DecoratorFact, ArgFact, ParamFact, ModuleInfo } from './engine/facts/types.js';
export type { ProjectGraph, FunctionRef, ClassRef, CallSite } from './engine/link/types.js';
export type { SyntaxNode } from './engine/source/syntax.js';
export type { SemanticModel } from './engine/facts/scope.js';
export type { SourceText } from './engine/source/source-text.js';
export { PysparseError, ConfigError, UsageError, ParseError, RuleCrashError } from './engine/errors.js';
export type { UserConfig } from './engine/config/config.js';
export { explainRule, renderRuleDocs } from './engine/run/rule-docs.js';
export { FORMAT_NAMES, isFormatName, formatReport, renderReport } from './formatters/index.js';
export type { FormatName, FormatOptions, FormatOutput } from './formatters/index.js';

/** The built-in rules' metadata (the rule catalogue). */
export const rules = builtinRules;

let defaultLinter: Linter | undefined;
function linter(): Linter {
  return (defaultLinter ??= new Linter(builtinRules));
}

/** Lint one Python text with the built-in rules. */
export function lintText(source: string, options?: LintTextOptions): Promise<LintTextResult> {
  return linter().lintText(source, options);
}

/** Lint files and folders with the built-in rules (paths relative to `options.cwd`). */
export function lintFiles(paths: readonly string[], options?: Omit<LintFilesOptions, 'catalogue'>): Promise<LintReport> {
  return linter().lintFiles(paths, options);
}

/** The user configuration that applies to `dir` (`[tool.pysparse-lint]` of the nearest pyproject.toml). */
export function loadConfig(dir: string): UserConfig {
  const file = findConfigFile(dir);
  return file ? readConfigFile(file) : {};
}
