// The file-system front of the engine: discover, read, lint the project, write fixes safely.
import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { builtinRules } from '../../rules/index.js';
import { findConfigFile, readConfigFile, resolveConfig, type ResolvedConfig, type UserConfig } from '../config/config.js';
import type { ModuleInfo } from '../facts/types.js';
import { loadPlugins } from '../plugins.js';
import { encodeSource } from '../source/decode.js';
import { loadParser } from '../source/parser.js';
import type { LintReport, Notification } from '../types.js';
import { analyzeFile, type FileAnalysis } from './analyze-file.js';
import { analyzeFiles, type FileToAnalyze, type PerFileStats } from './analyze-files.js';
import { cacheDirPath, cacheFingerprint, FileCache } from './cache.js';
import { discoverFiles, toPosix } from './discover.js';
import { lintAnalyzed, type FixMode } from './lint-project.js';
import { moduleInfoFor } from './module-name.js';
import type { FileRule, Rule } from './rule.js';

export interface LintFilesOptions {
  /** Folder paths are relative to and reported against; default: the current folder. */
  readonly cwd?: string;
  /** Every rule the run may use (built-ins plus plugins). */
  readonly catalogue: readonly Rule[];
  /** A config file to use instead of discovering `pyproject.toml`. */
  readonly configFile?: string;
  /** A config given as data (the API); wins over files. */
  readonly config?: UserConfig;
  readonly select?: readonly string[];
  readonly ignore?: readonly string[];
  readonly extendSelect?: readonly string[];
  readonly fix?: FixMode;
  /** Write fixed files to disk (`--fix`); false computes them only (`--diff`, the API). */
  readonly writeFixes?: boolean;
  readonly maxFileBytes?: number;
  /** Worker threads for the per-file tier (`--jobs`); default: the available cores. */
  readonly jobs?: number;
  /** Reuse per-file results of earlier runs (`--cache`). */
  readonly cache?: boolean;
  /** The cache folder (`--cache-location`); default `.pysparse-cache/` under `cwd`. */
  readonly cacheLocation?: string;
  /** A file still unfinished after this many milliseconds is reported and skipped (`--file-timeout`). */
  readonly fileTimeoutMs?: number;
  /** Called as files finish: for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
}

export function loadResolvedConfig(options: LintFilesOptions, root: string): ResolvedConfig {
  return locateResolvedConfig(options, root).config;
}

/** The resolved configuration of a run, the user's config it came from, and the folder its paths start from. */
export function locateResolvedConfig(options: LintFilesOptions, root: string): { config: ResolvedConfig; user: UserConfig; baseDir: string } {
  const file = options.configFile ? path.resolve(root, options.configFile) : findConfigFile(root);
  const user = options.config ?? (file ? readConfigFile(file) : {});
  const baseDir = file ? path.dirname(file) : root;
  const config = resolveConfig(
    options.catalogue,
    user,
    {
      ...(options.select ? { select: options.select } : {}),
      ...(options.ignore ? { ignore: options.ignore } : {}),
      ...(options.extendSelect ? { 'extend-select': options.extendSelect } : {}),
    },
    baseDir,
    file,
  );
  return { config, user, baseDir };
}

/** The per-file tier of a run: what `lintFiles`, shards and the benchmarks share. */
export interface PerFileTier {
  readonly root: string;
  readonly config: ResolvedConfig;
  /** Analyses of the files that could be read, in path order. */
  readonly analyses: Map<string, FileAnalysis>;
  /** When each file was read (for --fix). */
  readonly mtimes: ReadonlyMap<string, number>;
  readonly modules: ReadonlyMap<string, ModuleInfo>;
  /** About the run: discovery, the cache. */
  readonly notifications: readonly Notification[];
  /** Files that could not be read (left out of `analyses`), in path order. */
  readonly unreadable: readonly Notification[];
  readonly stats: PerFileStats;
}

/**
 * Discover files, then analyse them (cache, worker threads). `select` keeps only some of the
 * discovered files (a shard).
 */
export async function runPerFileTier(
  paths: readonly string[],
  options: LintFilesOptions,
  select?: (relativePath: string) => boolean,
): Promise<PerFileTier> {
  const root = path.resolve(options.cwd ?? process.cwd());
  const { config, user, baseDir } = locateResolvedConfig(options, root);
  const discovered = discoverFiles(paths, { root, exclude: config.exclude });
  const notifications: Notification[] = [...discovered.notifications];
  const files: FileToAnalyze[] = [];
  for (const absolutePath of discovered.files) {
    const relative = toPosix(path.relative(root, absolutePath));
    if (select && !select(relative)) continue;
    files.push({ path: relative, absolutePath, module: moduleInfoFor(absolutePath, relative) });
  }

  const plugins = user.plugins?.length ? await loadPlugins(user.plugins, baseDir) : [];
  const fileRules = config.rules.filter((r): r is FileRule => r.tier === 'file');
  const travels = new Set<Rule>([...builtinRules, ...plugins.flatMap((p) => p.rules)]);
  const workerRules = fileRules.every((r) => travels.has(r))
    ? { plugins: plugins.length > 0 ? { specifiers: plugins.map((p) => p.specifier), baseDir } : null }
    : null;

  let cache: FileCache | null = null;
  if (options.cache) {
    const fingerprint = cacheFingerprint({
      ruleCodes: fileRules.map((r) => r.code),
      settings: config.settings,
      ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}),
      plugins: plugins.map((p) => p.resolvedPath),
    });
    const opened = FileCache.open(cacheDirPath(root, options.cacheLocation), fingerprint);
    cache = opened.cache;
    if (opened.warning) notifications.push(opened.warning);
  }

  const { results: analyzed, stats } = await analyzeFiles(files, {
    config,
    ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}),
    ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
    ...(options.fileTimeoutMs !== undefined ? { fileTimeoutMs: options.fileTimeoutMs } : {}),
    cache,
    workerRules,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  if (cache) notifications.push(...cache.save());

  const analyses = new Map<string, FileAnalysis>();
  const unreadable: Notification[] = [];
  const mtimes = new Map<string, number>();
  const modules = new Map<string, ModuleInfo>();
  for (const file of files) {
    const { analysis, mtimeMs } = analyzed.get(file.path)!;
    // A file that cannot be read is not part of the project: its notification says why.
    if (analysis.notifications.some((n) => n.code === 'unreadable-file')) {
      unreadable.push(...analysis.notifications);
      continue;
    }
    analyses.set(file.path, analysis);
    modules.set(file.path, file.module);
    if (mtimeMs !== undefined) mtimes.set(file.path, mtimeMs);
  }
  return { root, config, analyses, mtimes, modules, notifications, unreadable, stats };
}

export async function lintFiles(paths: readonly string[], options: LintFilesOptions): Promise<LintReport> {
  const startTime = new Date();
  const tier = await runPerFileTier(paths, options);
  const { root, config } = tier;
  const fix = options.fix ?? 'none';
  const parser = fix !== 'none' ? await loadParser() : null;
  const fileRules = config.rules.filter((r): r is FileRule => r.tier === 'file');
  const { report, analyses } = lintAnalyzed({
    analyses: tier.analyses,
    ...(parser ? {
      reanalyze: (file: string, text: string) => analyzeFile(parser, {
        path: file, absolutePath: tier.analyses.get(file)!.absolutePath, content: text, module: tier.modules.get(file)!,
      }, { rules: fileRules, settings: config.settings, maxFileBytes: options.maxFileBytes }),
    } : {}),
  }, { root, config, fix, ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}) }, startTime);
  const notifications: Notification[] = [...tier.notifications, ...tier.unreadable];
  if (options.writeFixes) {
    for (const file of report.files) {
      if (file.fixedSource === undefined) continue;
      const encoding = analyses.get(file.file)?.encoding;
      const problem = writeFixedFile(file.absolutePath, file.fixedSource, encoding, tier.mtimes.get(file.file));
      if (problem) notifications.push({ level: 'error', code: 'fix-not-written', file: file.file, message: `${file.file}: ${problem}` });
    }
  }
  return { ...report, notifications: [...notifications, ...report.notifications] };
}

/**
 * Write atomically (temp file + rename in the same folder) in the file's own encoding and mode.
 * Refuses when the file changed on disk since it was read. Returns a problem, or null.
 */
export function writeFixedFile(
  absolutePath: string,
  text: string,
  encoding: { readonly name: string; readonly bom: boolean } | undefined,
  readMtimeMs: number | undefined,
): string | null {
  let bytes: Buffer;
  try {
    bytes = encodeSource(text, encoding?.name ?? 'utf-8', encoding?.bom ?? false);
  } catch (error) {
    return `fixed text not written: ${(error as Error).message}`;
  }
  let mode: number;
  try {
    const stat = statSync(absolutePath);
    if (readMtimeMs !== undefined && stat.mtimeMs !== readMtimeMs) return 'changed on disk during the run: fixes not written';
    mode = stat.mode;
  } catch (error) {
    return `fixes not written: ${(error as Error).message}`;
  }
  const temp = path.join(path.dirname(absolutePath), `.${path.basename(absolutePath)}.pysparse-${process.pid}.tmp`);
  try {
    writeFileSync(temp, bytes, { mode });
    chmodSync(temp, mode & 0o7777);
    renameSync(temp, absolutePath);
    return null;
  } catch (error) {
    try { unlinkSync(temp); } catch { /* nothing was written */ }
    return `fixes not written: ${(error as Error).message}`;
  }
}
