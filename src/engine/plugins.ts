// Plugins: modules named in the config's `plugins` that add rules, checked against the one Rule contract.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { PluginError } from './errors.js';
import type { ProjectGraph } from './link/types.js';
import { isRuleCode, type FileContext, type FileRule, type OptionSpecs, type ProjectRule, type Rule, type RuleContext, type RuleMeta } from './run/rule.js';

/** ESLint's rule-module shape, accepted as an adapter: `meta` plus `create(context)` per file or project. */
export interface FileRuleModule<M extends string = string, O extends OptionSpecs = OptionSpecs> {
  readonly meta: RuleMeta<M, O> & { readonly tier: 'file' };
  create(context: RuleContext<M, O>): { file(file: FileContext): void };
}

export interface ProjectRuleModule<M extends string = string, O extends OptionSpecs = OptionSpecs> {
  readonly meta: RuleMeta<M, O> & { readonly tier: 'project' };
  create(context: RuleContext<M, O>): { project(project: ProjectGraph): void };
}

export type RuleModule<M extends string = string, O extends OptionSpecs = OptionSpecs> =
  | FileRuleModule<M, O>
  | ProjectRuleModule<M, O>;

/** A plugin after loading: where it came from and its rules. */
export interface LoadedPlugin {
  /** As written in the configuration. */
  readonly specifier: string;
  /** The module file that was imported. */
  readonly resolvedPath: string;
  readonly rules: readonly Rule[];
}

const converted = new WeakMap<object, Rule>();

/** Turn a `{ meta, create }` module into the flat Rule the engine runs (`create` runs once per check). */
export function ruleFromModule<M extends string, O extends OptionSpecs>(module: RuleModule<M, O>): Rule<M, O> {
  const known = converted.get(module);
  if (known) return known as Rule<M, O>;
  const rule = convertModule(module);
  converted.set(module, rule as Rule);
  return rule;
}

function convertModule<M extends string, O extends OptionSpecs>(module: RuleModule<M, O>): Rule<M, O> {
  const { meta } = module;
  if (meta.tier === 'project') {
    const create = (module as ProjectRuleModule<M, O>).create;
    const rule: ProjectRule<M, O> = { ...meta, tier: 'project', check: (project, ctx) => create(ctx).project(project) };
    return Object.freeze(rule);
  }
  const create = (module as FileRuleModule<M, O>).create;
  const rule: FileRule<M, O> = { ...meta, tier: 'file', check: (file, ctx) => create(ctx).file(file) };
  return Object.freeze(rule);
}

export function isRuleModule(value: unknown): value is RuleModule {
  return isRecord(value) && isRecord(value.meta) && typeof value.create === 'function';
}

const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const ENUMS: Readonly<Record<string, readonly string[]>> = {
  family: ['bulk-transform', 'cache-growth', 'reference-cycle', 'suppression'],
  tier: ['file', 'project'],
  severity: ['error', 'warning', 'info'],
  fixable: ['never', 'sometimes', 'always'],
  precision: ['very-high', 'high', 'medium', 'low'],
};
const OPTION_TYPES = new Set(['string[]', 'number', 'boolean', 'string']);

/**
 * Check that a value a plugin exports is a whole rule (flat, or `{ meta, create }`), and return
 * it as the engine's Rule. Throws a PluginError listing every problem.
 */
export function toRule(value: unknown, where: string): Rule {
  const rule = isRuleModule(value) ? ruleFromModule(value) : value;
  const problems = ruleProblems(rule);
  if (problems.length > 0) {
    const label = isRecord(rule) && typeof rule.code === 'string' ? `rule ${rule.code}` : 'a rule';
    throw new PluginError(
      `${where}: ${label} is not a valid rule: ${problems.join('; ')}`,
      'a rule needs code, name, family, tier, severity, fixable, precision, summary, messages, options, docs and check (see docs/api.md)',
    );
  }
  return rule as Rule;
}

function ruleProblems(rule: unknown): string[] {
  if (!isRecord(rule)) return ['it is not an object'];
  const problems: string[] = [];
  if (typeof rule.code !== 'string' || !isRuleCode(rule.code)) problems.push("'code' must be upper-case letters then digits, like ACME101");
  if (typeof rule.name !== 'string' || !NAME.test(rule.name)) problems.push("'name' must be kebab-case");
  for (const [key, allowed] of Object.entries(ENUMS)) {
    if (typeof rule[key] !== 'string' || !allowed.includes(rule[key] as string)) problems.push(`'${key}' must be one of ${allowed.join(', ')}`);
  }
  if (typeof rule.summary !== 'string' || rule.summary === '') problems.push("'summary' must be a non-empty string");
  if (!isRecord(rule.messages) || Object.keys(rule.messages).length === 0 || !Object.values(rule.messages).every((m) => typeof m === 'string')) {
    problems.push("'messages' must map message ids to templates");
  }
  if (rule.fixTitle !== undefined && typeof rule.fixTitle !== 'string') problems.push("'fixTitle' must be a string");
  if (!isRecord(rule.options)) problems.push("'options' must be an object (use {} for none)");
  else {
    for (const [name, spec] of Object.entries(rule.options)) {
      if (!isRecord(spec) || !OPTION_TYPES.has(spec.type as string) || !('default' in spec)) problems.push(`option '${name}' needs a type and a default`);
      else if (typeof spec.description !== 'string' || spec.description === '') problems.push(`option '${name}' needs a description`);
    }
  }
  if (!isRecord(rule.docs)) problems.push("'docs' must be an object");
  else {
    for (const key of ['whatItDoes', 'whyBad', 'example', 'useInstead']) {
      if (typeof rule.docs[key] !== 'string') problems.push(`'docs.${key}' must be a string`);
    }
    if (rule.docs.url !== undefined && typeof rule.docs.url !== 'string') problems.push("'docs.url' must be a string (the rule's page)");
  }
  if (rule.optIn !== undefined && typeof rule.optIn !== 'boolean') problems.push("'optIn' must be a boolean");
  if (typeof rule.check !== 'function') problems.push("'check' must be a function (or export { meta, create })");
  return problems;
}

/** The rules a plugin module exports: `rules`, or a default export that is a list or `{ rules }`. */
export function rulesOfModule(module: unknown, where: string): Rule[] {
  const exported = isRecord(module) ? module : {};
  const candidates = [exported.rules, exported.default, isRecord(exported.default) ? exported.default.rules : undefined];
  const list = candidates.find((c): c is unknown[] => Array.isArray(c));
  if (!list) throw new PluginError(`${where} exports no rules`, 'export `rules` (a list of rules) or a default list');
  return list.map((value) => toRule(value, where));
}

/** Load plugin modules in order. Relative paths and package names are resolved from `baseDir`. */
export async function loadPlugins(specifiers: readonly string[], baseDir: string): Promise<LoadedPlugin[]> {
  const plugins: LoadedPlugin[] = [];
  for (const specifier of specifiers) {
    const resolvedPath = resolvePlugin(specifier, baseDir);
    let module: unknown;
    try {
      module = await import(pathToFileURL(resolvedPath).href);
    } catch (error) {
      throw new PluginError(`plugin '${specifier}' failed to load from ${resolvedPath}: ${(error as Error).message}`,
        'plugins must be JavaScript modules (.mjs, .js or .cjs); compile TypeScript first');
    }
    plugins.push({ specifier, resolvedPath, rules: rulesOfModule(module, `plugin '${specifier}'`) });
  }
  return plugins;
}

/**
 * Built-in rules plus plugin rules, sorted by code. A plugin code that is already taken
 * (by a built-in or by an earlier plugin) is an error naming both owners.
 */
export function mergeCatalogue(builtins: readonly Rule[], plugins: readonly LoadedPlugin[]): Rule[] {
  const owners = new Map<string, { rule: Rule; owner: string }>();
  for (const rule of builtins) owners.set(rule.code, { rule, owner: 'built-in rule' });
  for (const plugin of plugins) {
    for (const rule of plugin.rules) {
      const taken = owners.get(rule.code);
      if (taken?.rule === rule) continue; // the same rule object, e.g. a catalogue that already holds the plugin
      if (taken) {
        throw new PluginError(
          `rule code ${rule.code} of plugin '${plugin.specifier}' (${rule.name}) collides with ${taken.owner} ${rule.code} (${taken.rule.name})`,
          'give plugin rules their own prefix, like ACME101',
        );
      }
      owners.set(rule.code, { rule, owner: `plugin '${plugin.specifier}' rule` });
    }
  }
  return [...owners.values()].map((o) => o.rule).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** A path (`./x.mjs`, `/abs/x.js`) relative to `baseDir`, or a package name found from `baseDir`. */
export function resolvePlugin(specifier: string, baseDir: string): string {
  if (isPathSpecifier(specifier)) {
    const file = path.resolve(baseDir, specifier.startsWith('file:') ? fileURLToPath(specifier) : specifier);
    if (!existsSync(file) || !statSync(file).isFile()) {
      throw new PluginError(`plugin '${specifier}' not found: no file ${file}`, 'paths in `plugins` are relative to the config file\'s folder');
    }
    return file;
  }
  try {
    return createRequire(path.join(baseDir, '__pysparse_plugin_resolver__.js')).resolve(specifier);
  } catch {
    // An ESM-only package (exports with an `import` condition only) is invisible to require.resolve.
    const file = resolveEsmPackage(specifier, baseDir);
    if (file) return file;
    throw new PluginError(`plugin '${specifier}' not found from ${baseDir}`, `install it (npm install --save-dev ${specifier}) or give a path like ./tools/rules.mjs`);
  }
}

function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith('.') || path.isAbsolute(specifier) || specifier.startsWith('file:');
}

function resolveEsmPackage(specifier: string, baseDir: string): string | null {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = parts.length > nameLength ? `./${parts.slice(nameLength).join('/')}` : '.';
  for (let dir = path.resolve(baseDir); ; dir = path.dirname(dir)) {
    const packageDir = path.join(dir, 'node_modules', name);
    const manifest = path.join(packageDir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown; main?: string };
      const target = pkg.exports !== undefined ? exportTarget(pkg.exports, subpath) : subpath === '.' ? (pkg.main ?? 'index.js') : subpath;
      return target ? path.join(packageDir, target) : null;
    }
    if (path.dirname(dir) === dir) return null;
  }
}

/** The file an `exports` field maps a subpath to, for an importing Node. */
function exportTarget(exports: unknown, subpath: string): string | null {
  const entry = typeof exports === 'string' || Array.isArray(exports) || (isRecord(exports) && !Object.keys(exports).some((k) => k.startsWith('.')))
    ? (subpath === '.' ? exports : undefined)
    : isRecord(exports) ? exports[subpath] : undefined;
  return conditionTarget(entry);
}

function conditionTarget(entry: unknown): string | null {
  if (typeof entry === 'string') return entry;
  if (Array.isArray(entry)) {
    for (const item of entry) {
      const found = conditionTarget(item);
      if (found) return found;
    }
    return null;
  }
  if (isRecord(entry)) {
    for (const condition of ['import', 'node', 'default']) {
      const found = conditionTarget(entry[condition]);
      if (found) return found;
    }
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
