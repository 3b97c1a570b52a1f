// Configuration: `[tool.pysparse-lint]` in pyproject.toml or a TOML/JSON file; data only, validated.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { parse as parseToml } from 'smol-toml';
import { ConfigError } from '../errors.js';
import type { OptionSpec, Rule } from '../run/rule.js';
import type { Severity } from '../types.js';

/** The configuration as a user writes it (kebab-case keys, as in pyproject.toml). */
export interface UserConfig {
  readonly select?: readonly string[];
  readonly ignore?: readonly string[];
  readonly 'extend-select'?: readonly string[];
  readonly exclude?: readonly string[];
  readonly 'per-file-ignores'?: Readonly<Record<string, readonly string[]>>;
  /** Per rule code: `severity` and the rule's own options (kebab- or camelCase). */
  readonly rules?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /**
   * Modules that add rules: package names (`pysparse-lint-plugin-acme`) or paths
   * (`./tools/memory_rules.mjs`), resolved from the config file's folder.
   */
  readonly plugins?: readonly string[];
}

export interface RuleSettings {
  readonly severity: Severity;
  readonly options: Readonly<Record<string, unknown>>;
}

export interface ResolvedConfig {
  /** Enabled rules, sorted by code. */
  readonly rules: readonly Rule[];
  readonly settings: ReadonlyMap<string, RuleSettings>;
  readonly exclude: readonly string[];
  readonly perFileIgnores: readonly { readonly glob: string; readonly codes: readonly string[] }[];
  /** Folder that relative globs in the config are relative to. */
  readonly baseDir: string;
  /** Where the configuration came from, for messages; null when defaults were used. */
  readonly source: string | null;
}

const TOP_LEVEL_KEYS = new Set(['select', 'ignore', 'extend-select', 'exclude', 'per-file-ignores', 'rules', 'plugins']);
const SEVERITIES = new Set<Severity>(['error', 'warning', 'info']);

/** Find the nearest `pyproject.toml` with a `[tool.pysparse-lint]` table, walking up from `dir`. */
export function findConfigFile(dir: string): string | null {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const candidate = path.join(current, 'pyproject.toml');
    if (existsSync(candidate) && /^\s*\[tool\.pysparse-lint(\.|\])/m.test(readFileSync(candidate, 'utf8'))) return candidate;
    if (path.dirname(current) === current) return null;
  }
}

/** Read a config file: `pyproject.toml` (its `[tool.pysparse-lint]` table), any other `.toml`, or `.json`. */
export function readConfigFile(file: string): UserConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${file}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : parseToml(text);
  } catch (error) {
    throw new ConfigError(`${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'TOML'}: ${(error as Error).message}`);
  }
  if (path.basename(file) === 'pyproject.toml' || isToolTable(data)) {
    data = (data as { tool?: Record<string, unknown> }).tool?.['pysparse-lint'] ?? {};
  }
  return validateShape(data, file);
}

function isToolTable(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'tool' in data;
}

function validateShape(data: unknown, where: string): UserConfig {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigError(`${where}: configuration must be a table`);
  for (const key of Object.keys(data)) {
    if (!TOP_LEVEL_KEYS.has(key)) {
      throw new ConfigError(`${where}: unknown configuration key '${key}'`, `known keys: ${[...TOP_LEVEL_KEYS].join(', ')}`);
    }
  }
  const record = data as Record<string, unknown>;
  for (const key of ['select', 'ignore', 'extend-select', 'exclude', 'plugins']) {
    if (key in record && !isStringArray(record[key])) throw new ConfigError(`${where}: '${key}' must be a list of strings`);
  }
  const pfi = record['per-file-ignores'];
  if (pfi !== undefined && (typeof pfi !== 'object' || pfi === null || !Object.values(pfi).every(isStringArray))) {
    throw new ConfigError(`${where}: 'per-file-ignores' must map globs to lists of codes`);
  }
  const rules = record.rules;
  if (rules !== undefined && (typeof rules !== 'object' || rules === null || !Object.values(rules).every((v) => typeof v === 'object' && v !== null))) {
    throw new ConfigError(`${where}: 'rules' must map rule codes to tables`);
  }
  return data as UserConfig;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * Combine the catalogue, a user config and command-line overrides into the rules to run.
 * Unknown codes and options are errors that name them.
 */
export function resolveConfig(
  catalogue: readonly Rule[],
  user: UserConfig,
  overrides: Pick<UserConfig, 'select' | 'ignore' | 'extend-select'> = {},
  baseDir = process.cwd(),
  source: string | null = null,
): ResolvedConfig {
  const where = source ?? 'configuration';
  const codes = catalogue.map((r) => r.code);
  const checkSelectors = (list: readonly string[] | undefined, key: string) => {
    for (const selector of list ?? []) {
      if (selector.toUpperCase() === 'ALL') continue;
      if (!codes.some((c) => c.startsWith(selector.toUpperCase()))) {
        throw new ConfigError(`${where}: '${key}' names unknown rule code '${selector}'`, 'run `pysparse-lint --list-rules` to see the codes');
      }
    }
  };
  for (const [key, list] of [['select', user.select], ['ignore', user.ignore], ['extend-select', user['extend-select']],
    ['--select', overrides.select], ['--ignore', overrides.ignore], ['--extend-select', overrides['extend-select']]] as const) {
    checkSelectors(list, key);
  }
  for (const codesList of Object.values(user['per-file-ignores'] ?? {})) checkSelectors(codesList, 'per-file-ignores');

  const select = overrides.select ?? user.select;
  const extend = [...(user['extend-select'] ?? []), ...(overrides['extend-select'] ?? [])];
  const ignore = [...(user.ignore ?? []), ...(overrides.ignore ?? [])];
  const matches = (list: readonly string[], code: string) =>
    list.some((s) => s.toUpperCase() === 'ALL' || code.startsWith(s.toUpperCase()));
  // Without `select`, the defaults: every rule that is not opt-in. An opt-in rule needs its code
  // (or a prefix as long as its code) named, never a bare family prefix.
  const isSelected = (rule: Rule) => {
    if (matches(extend, rule.code) && (!rule.optIn || extend.some((s) => s.toUpperCase() === rule.code))) return true;
    if (!select) return !rule.optIn;
    return matches(select, rule.code) && (!rule.optIn || select.some((s) => s.toUpperCase() === rule.code));
  };
  const rules = catalogue.filter((r) => isSelected(r) && !matches(ignore, r.code));

  const settings = new Map<string, RuleSettings>();
  for (const [code, table] of Object.entries(user.rules ?? {})) {
    if (!catalogue.some((r) => r.code === code)) {
      throw new ConfigError(`${where}: 'rules' names unknown rule code '${code}'`);
    }
  }
  for (const rule of catalogue) {
    settings.set(rule.code, resolveRuleSettings(rule, user.rules?.[rule.code] ?? {}, where));
  }
  return {
    rules,
    settings,
    exclude: user.exclude ?? [],
    perFileIgnores: Object.entries(user['per-file-ignores'] ?? {}).map(([glob, list]) => ({ glob, codes: list.map((c) => c.toUpperCase()) })),
    baseDir,
    source,
  };
}

function resolveRuleSettings(rule: Rule, table: Readonly<Record<string, unknown>>, where: string): RuleSettings {
  let severity = rule.severity;
  const options: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(rule.options)) options[name] = spec.default;
  for (const [rawKey, value] of Object.entries(table)) {
    if (rawKey === 'severity') {
      if (typeof value !== 'string' || !SEVERITIES.has(value as Severity)) {
        throw new ConfigError(`${where}: ${rule.code}.severity must be one of error, warning, info`);
      }
      severity = value as Severity;
      continue;
    }
    const key = rawKey.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const spec: OptionSpec | undefined = rule.options[key];
    if (!spec) {
      const known = Object.keys(rule.options).map(kebab);
      throw new ConfigError(`${where}: ${rule.code} has no option '${rawKey}'`, known.length ? `its options: ${known.join(', ')}` : `${rule.code} takes no options`);
    }
    if (!optionValueFits(spec, value)) throw new ConfigError(`${where}: ${rule.code}.${rawKey} must be a ${spec.type}`);
    options[key] = value;
  }
  return { severity, options };
}

function optionValueFits(spec: OptionSpec, value: unknown): boolean {
  switch (spec.type) {
    case 'string[]': return isStringArray(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'boolean': return typeof value === 'boolean';
    case 'string': return typeof value === 'string';
  }
}

export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Codes ignored for a file by `per-file-ignores` (path relative to the config's folder). */
export function ignoredCodesFor(config: ResolvedConfig, relativePath: string): string[] {
  return config.perFileIgnores.filter((p) => picomatch.isMatch(relativePath, p.glob, { dot: true })).flatMap((p) => p.codes);
}
