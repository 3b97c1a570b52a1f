// Linter: keeps the parser, rule catalogue and loaded plugins across calls (the programmatic front door).
import path from 'node:path';
import { findConfigFile, readConfigFile, resolveConfig, type UserConfig } from '../config/config.js';
import { loadPlugins, mergeCatalogue, type LoadedPlugin } from '../plugins.js';
import { loadParser } from '../source/parser.js';
import type { Finding, LintReport, Notification } from '../types.js';
import { lintFiles, type LintFilesOptions } from './lint-files.js';
import { toPosix } from './discover.js';
import { lintProject, type FixMode } from './lint-project.js';
import { moduleInfoFor } from './module-name.js';
import type { Rule } from './rule.js';

export interface LintTextOptions {
  /** Path used in findings and for the module name; default `<text>.py`. */
  readonly filePath?: string;
  /** The configuration as data; default: every rule that is not opt-in. No config file is read. */
  readonly config?: UserConfig;
  /** Return fixed text: `true` applies safe fixes, `'unsafe'` unsafe ones too. Never touches disk. */
  readonly fix?: boolean | 'unsafe';
  /** Folder that relative `config.plugins` paths are resolved from; default: the current folder. */
  readonly cwd?: string;
}

export interface LintTextResult {
  readonly findings: readonly Finding[];
  readonly notifications: readonly Notification[];
  /** The text after fixes (same as the input when none applied). */
  readonly output: string;
  readonly fixesApplied: number;
}

/** Options of `lintFiles`; the catalogue is the linter's own rules plus the config's plugins. */
export type LintOptions = Omit<LintFilesOptions, 'catalogue'>;

/** A run's report plus the rules it knew about (built-ins and plugins), for `formatResults`. */
export interface LintResults extends LintReport {
  readonly rules: readonly Rule[];
}

/** Where a run's configuration comes from: the same lookup `lintFiles` makes. */
export interface ConfigLookup {
  readonly cwd?: string;
  readonly configFile?: string;
  readonly config?: UserConfig;
}

export class Linter {
  /** The rules this linter was made with (plugins named in a config are added per run). */
  readonly rules: readonly Rule[];
  private readonly plugins = new Map<string, Promise<LoadedPlugin[]>>();

  constructor(rules: readonly Rule[]) {
    this.rules = rules;
  }

  /** The rules available for a configuration: this linter's rules plus the config's plugins. */
  async catalogue(lookup: ConfigLookup = {}): Promise<readonly Rule[]> {
    const { user, baseDir } = locateConfig(lookup);
    return this.catalogueFor(user, baseDir);
  }

  /** Lint one text as a one-file project. */
  async lintText(source: string, options: LintTextOptions = {}): Promise<LintTextResult> {
    const user = options.config ?? {};
    const catalogue = await this.catalogueFor(user, path.resolve(options.cwd ?? process.cwd()));
    const parser = await loadParser();
    const root = path.resolve(options.cwd ?? process.cwd());
    const absolutePath = path.resolve(root, options.filePath ?? '<text>.py');
    // Findings name the file as given (relative to cwd), as lintFiles does; the module name
    // keeps its package when the folders on disk are packages.
    const relative = toPosix(path.relative(root, absolutePath));
    const config = resolveConfig(catalogue, user);
    const fix: FixMode = options.fix === 'unsafe' ? 'unsafe' : options.fix ? 'safe' : 'none';
    const { report } = lintProject(parser, [{
      path: relative,
      absolutePath,
      content: source,
      module: moduleInfoFor(absolutePath, relative),
    }], { root, config, fix });
    const file = report.files[0];
    return {
      findings: file?.findings ?? [],
      notifications: report.notifications,
      output: file?.fixedSource ?? source,
      fixesApplied: file?.fixesApplied ?? 0,
    };
  }

  /** Lint files and folders (globbing `*.py`/`*.pyi`), with the project-wide link step. */
  async lintFiles(paths: readonly string[], options: LintOptions = {}): Promise<LintResults> {
    const { user, baseDir } = locateConfig(options);
    const catalogue = await this.catalogueFor(user, baseDir);
    const report = await lintFiles(paths, { ...options, config: user, catalogue });
    return { ...report, rules: catalogue };
  }

  private async catalogueFor(user: UserConfig, baseDir: string): Promise<readonly Rule[]> {
    const specifiers = user.plugins ?? [];
    if (specifiers.length === 0) return this.rules;
    const key = `${baseDir}\u0000${specifiers.join('\u0000')}`;
    let loaded = this.plugins.get(key);
    if (!loaded) {
      loaded = loadPlugins(specifiers, baseDir);
      this.plugins.set(key, loaded);
      loaded.catch(() => this.plugins.delete(key));
    }
    return mergeCatalogue(this.rules, await loaded);
  }
}

/**
 * The user config and the folder its relative paths start from: `config` given as data, else
 * `configFile`, else the nearest `pyproject.toml` with a `[tool.pysparse-lint]` table.
 */
export function locateConfig(lookup: ConfigLookup): { user: UserConfig; file: string | null; baseDir: string } {
  const root = path.resolve(lookup.cwd ?? process.cwd());
  // Config given as data needs no file; its relative paths start from cwd.
  const file = lookup.config ? null : lookup.configFile ? path.resolve(root, lookup.configFile) : findConfigFile(root);
  const user = lookup.config ?? (file ? readConfigFile(file) : {});
  return { user, file, baseDir: file ? path.dirname(file) : root };
}
