// Public API: explicit named exports only.
import { readFileSync } from 'node:fs';
import { builtinRules } from './rules/index.js';
import {
  Linter as EngineLinter,
  type ConfigLookup,
  type LintOptions,
  type LintResults,
  type LintTextOptions,
  type LintTextResult,
} from './engine/run/linter.js';
import { findConfigFile, readConfigFile, type UserConfig } from './engine/config/config.js';
import { defineRule as defineFlatRule, type FileRule, type OptionSpecs, type ProjectRule, type Rule, type RuleMeta } from './engine/run/rule.js';
import { isRuleModule, ruleFromModule, type RuleModule } from './engine/plugins.js';
import { renderReport, type FormatName, type FormatOptions } from './formatters/index.js';
import type { LintReport } from './engine/types.js';

export { builtinRules };
export type { LintTextOptions, LintTextResult, LintOptions, LintResults, ConfigLookup };
export type { LintFilesOptions } from './engine/run/lint-files.js';
export { formatMessage } from './engine/run/rule.js';
export type {
  Rule, FileRule, ProjectRule, RuleMeta, RuleContext, FileContext, RuleDocs, RuleFamily, RuleTier,
  Fixable, Precision, OptionSpec, OptionSpecs, OptionValues, ReportInput, FixInput, EditInput, SuggestionInput,
} from './engine/run/rule.js';
export { ruleFromModule, loadPlugins, mergeCatalogue } from './engine/plugins.js';
export type { RuleModule, FileRuleModule, ProjectRuleModule, LoadedPlugin } from './engine/plugins.js';
export type {
  Span, Severity, Edit, Fix, FixSafety, Suggestion, RelatedLocation, Finding, Notification, FileResult, LintReport,
} from './engine/types.js';
export type { FileFacts, FunctionFact, ClassFact, CallFact, ImportFact, DecoratorFact, ArgFact, ParamFact, ModuleInfo } from './engine/facts/types.js';
export type { ProjectGraph, FunctionRef, ClassRef, CallSite } from './engine/link/types.js';
export type { SyntaxNode } from './engine/source/syntax.js';
export { walk, field, fields, ancestor, nodeText } from './engine/source/syntax.js';
export type { SemanticModel } from './engine/facts/scope.js';
export type { SourceText } from './engine/source/source-text.js';
export { PysparseError, ConfigError, UsageError, ParseError, PluginError, RuleCrashError } from './engine/errors.js';
export type { UserConfig } from './engine/config/config.js';
export { findConfigFile } from './engine/config/config.js';
export { explainRule, renderRuleDocs } from './engine/run/rule-docs.js';
export { FORMAT_NAMES, isFormatName, formatReport, renderReport } from './formatters/index.js';
export type { FormatName, FormatOptions, FormatOutput } from './formatters/index.js';
export { RuleTester } from './engine/testing/rule-tester.js';
export type {
  RuleTesterOptions, RuleTests, ValidTestCase, InvalidTestCase, ExpectedError, ExpectedSuggestion,
} from './engine/testing/rule-tester.js';
export { createBaseline, applyBaseline, readBaseline, writeBaseline, BASELINE_VERSION } from './engine/run/baseline.js';
export type { Baseline, BaselineApplied } from './engine/run/baseline.js';
export { addNoqaComments } from './engine/run/add-noqa.js';
export type { AddNoqaResult } from './engine/run/add-noqa.js';
export { writeShard, linkShards, parseShardSpec, inShard } from './engine/run/shards.js';
export type { ShardSpec, ShardFile } from './engine/run/shards.js';
export { ProgressBar } from './engine/run/progress.js';

/** This package's version (from its package.json). */
export const version: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The built-in rules (the rule catalogue): metadata, docs and check of each, sorted by code. */
export const rules: readonly Rule[] = builtinRules;

/**
 * Declare a rule: the flat shape the built-in rules use (`{ code, name, …, check }`), or
 * ESLint's `{ meta, create }`, which becomes the same Rule. Typed: message ids and options
 * tie `messages`, `options` and `ctx.report()` together.
 */
export function defineRule<M extends string, O extends OptionSpecs = Record<never, never>>(rule: FileRule<M, O> | ProjectRule<M, O>): Rule<M, O>;
export function defineRule<M extends string, O extends OptionSpecs = Record<never, never>>(rule: RuleModule<M, O>): Rule<M, O>;
export function defineRule(rule: Rule | RuleModule): Rule {
  return isRuleModule(rule) ? ruleFromModule(rule) : defineFlatRule(rule);
}

export interface LinterOptions {
  /** The rules to run; default: the built-in rules. Plugins named in a config are added per run. */
  readonly rules?: readonly Rule[];
}

/**
 * Keeps the parser, the rules and loaded plugins across calls: create one and reuse it.
 * `new Linter()` uses the built-in rules.
 */
export class Linter extends EngineLinter {
  constructor(options: LinterOptions | readonly Rule[] = {}) {
    super(isRuleList(options) ? options : (options.rules ?? builtinRules));
  }
}

function isRuleList(value: LinterOptions | readonly Rule[]): value is readonly Rule[] {
  return Array.isArray(value);
}

let defaultLinter: Linter | undefined;
function linter(): Linter {
  return (defaultLinter ??= new Linter());
}

/** Lint one Python text (as a one-file project) with the built-in rules and `options.config`. */
export function lintText(source: string, options?: LintTextOptions): Promise<LintTextResult> {
  return linter().lintText(source, options);
}

/**
 * Lint files and folders (paths relative to `options.cwd`) with the configuration found there,
 * including its plugins. Returns every file's findings (file- and project-tier) and notifications.
 */
export function lintFiles(paths: readonly string[], options?: LintOptions): Promise<LintResults> {
  return linter().lintFiles(paths, options);
}

/** The user configuration that applies to `dir` (`[tool.pysparse-lint]` of the nearest pyproject.toml). */
export function loadConfig(dir: string): UserConfig {
  const file = findConfigFile(dir);
  return file ? readConfigFile(file) : {};
}

/**
 * Render results as text in one of FORMAT_NAMES. Rule metadata comes from `results.rules`
 * (set by `lintFiles`, plugins included), else `options.rules`, else the built-in rules.
 */
export function formatResults(
  results: LintReport & { readonly rules?: readonly RuleMeta[] },
  format: FormatName = 'stylish',
  options: FormatOptions & { readonly rules?: readonly RuleMeta[] } = {},
): string {
  const { rules: given, ...formatOptions } = options;
  return renderReport(results, results.rules ?? given ?? builtinRules, format, { toolVersion: version, ...formatOptions }).text;
}
