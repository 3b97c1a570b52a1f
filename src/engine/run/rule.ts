// The rule contract: metadata, messages, docs and a check; defineRule gives it its types.
import type { SourceText } from '../source/source-text.js';
import type { FileFacts } from '../facts/types.js';
import type { SemanticModel } from '../facts/scope.js';
import type { SyntaxNode } from '../source/syntax.js';
import type { ProjectGraph } from '../link/types.js';
import type { Edit, FixSafety, RelatedLocation, Severity, Span } from '../types.js';

/** `suppression`: rules about the linter's own comments (PSL0xx), like Ruff's RUF100. */
export type RuleFamily = 'bulk-transform' | 'cache-growth' | 'reference-cycle' | 'suppression';
export type RuleTier = 'file' | 'project';
export type Fixable = 'never' | 'sometimes' | 'always';
/** How often a finding is right, as SARIF `properties.precision` says it. */
export type Precision = 'very-high' | 'high' | 'medium' | 'low';

export type OptionSpec =
  | { readonly type: 'string[]'; readonly default: readonly string[]; readonly description: string }
  | { readonly type: 'number'; readonly default: number; readonly description: string }
  | { readonly type: 'boolean'; readonly default: boolean; readonly description: string }
  | { readonly type: 'string'; readonly default: string; readonly description: string };

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;
export type OptionValues<O extends OptionSpecs> = { readonly [K in keyof O]: O[K]['default'] };

/** Structured docs, in Ruff's section order: a missing section is a type error. */
export interface RuleDocs {
  readonly whatItDoes: string;
  readonly whyBad: string;
  readonly example: string;
  readonly useInstead: string;
  readonly fixSafety?: string;
  readonly references?: readonly string[];
  /** The rule's page, for plugin rules (SARIF `helpUri`); built-in rules live under docs/rules/. */
  readonly url?: string;
}

export interface RuleMeta<M extends string = string, O extends OptionSpecs = OptionSpecs> {
  /** Stable code: used in noqa, select/ignore and as the SARIF ruleId. */
  readonly code: string;
  /** Kebab-case name of what is flagged. */
  readonly name: string;
  readonly family: RuleFamily;
  readonly tier: RuleTier;
  readonly severity: Severity;
  readonly fixable: Fixable;
  readonly precision: Precision;
  /** One line: what the rule finds (SARIF shortDescription). */
  readonly summary: string;
  readonly messages: Readonly<Record<M, string>>;
  /** What the fix does (Ruff's fix title); becomes the SARIF fix description. */
  readonly fixTitle?: string;
  readonly options: O;
  readonly docs: RuleDocs;
  /** Off unless selected by code (like Ruff's preview/opt-in rules). */
  readonly optIn?: boolean;
}

/** What a file-tier rule sees: one parsed file and its facts. */
export interface FileContext {
  /** Path relative to the run's root, `/`-separated. */
  readonly path: string;
  readonly source: SourceText;
  /** The file's syntax tree (plain nodes; the tree-sitter tree is already freed). */
  readonly root: SyntaxNode;
  /** Scopes and name resolution: `model.resolveExpression(node)` → `functools.lru_cache`. */
  readonly model: SemanticModel;
  readonly facts: FileFacts;
}

export interface EditInput {
  /** Defaults to the file being checked (file rules) — project rules must name it. */
  readonly file?: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface FixInput {
  readonly safety: FixSafety;
  readonly edits: readonly EditInput[];
  /** Defaults to the rule's `fixTitle`. */
  readonly title?: string;
}

export interface SuggestionInput {
  readonly title: string;
  readonly edits?: readonly EditInput[];
}

export interface ReportInput<M extends string> {
  /** Defaults to the file being checked; project rules must name it. */
  readonly file?: string;
  readonly span: Span;
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly related?: readonly RelatedLocation[];
  readonly fix?: FixInput | null;
  readonly suggestions?: readonly SuggestionInput[];
}

export interface RuleContext<M extends string, O extends OptionSpecs> {
  readonly options: OptionValues<O>;
  report(input: ReportInput<M>): void;
}

interface RuleBase<M extends string, O extends OptionSpecs> extends RuleMeta<M, O> {}

export interface FileRule<M extends string = string, O extends OptionSpecs = OptionSpecs>
  extends RuleBase<M, O> {
  readonly tier: 'file';
  check(file: FileContext, ctx: RuleContext<M, O>): void;
}

export interface ProjectRule<M extends string = string, O extends OptionSpecs = OptionSpecs>
  extends RuleBase<M, O> {
  readonly tier: 'project';
  check(project: ProjectGraph, ctx: RuleContext<M, O>): void;
}

export type Rule<M extends string = string, O extends OptionSpecs = OptionSpecs> =
  | FileRule<M, O>
  | ProjectRule<M, O>;

/** Identity at run time; at compile time it ties messages, options and report() together. */
export function defineRule<M extends string, O extends OptionSpecs = Record<never, never>>(
  rule: FileRule<M, O> | ProjectRule<M, O>,
): Rule<M, O> {
  return Object.freeze(rule);
}

/** Fill a message template: `{fn}` → data.fn. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in data ? String(data[key]) : whole,
  );
}

/** The edits of a fix, in the one shape the engine stores. */
export function toEdits(file: string, inputs: readonly EditInput[]): Edit[] {
  return inputs.map((e) => ({ file: e.file ?? file, start: e.start, end: e.end, text: e.text }));
}

/** A rule code like `PSL202` (engine diagnostics such as `syntax-error` are not rule codes). */
export function isRuleCode(id: string): boolean {
  return /^[A-Z]+[0-9]+$/.test(id);
}
