// The file-system front of the engine: discover, read, lint the project, write fixes safely.
import { chmodSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findConfigFile, readConfigFile, resolveConfig, type ResolvedConfig, type UserConfig } from '../config/config.js';
import { encodeSource } from '../source/decode.js';
import { loadParser } from '../source/parser.js';
import type { LintReport, Notification } from '../types.js';
import type { FileInput } from './analyze-file.js';
import { discoverFiles, toPosix } from './discover.js';
import { lintProject, type FixMode } from './lint-project.js';
import { moduleInfoFor } from './module-name.js';
import type { Rule } from './rule.js';

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
}

export function loadResolvedConfig(options: LintFilesOptions, root: string): ResolvedConfig {
  const file = options.configFile ? path.resolve(root, options.configFile) : findConfigFile(root);
  const user = options.config ?? (file ? readConfigFile(file) : {});
  return resolveConfig(
    options.catalogue,
    user,
    {
      ...(options.select ? { select: options.select } : {}),
      ...(options.ignore ? { ignore: options.ignore } : {}),
      ...(options.extendSelect ? { 'extend-select': options.extendSelect } : {}),
    },
    file ? path.dirname(file) : root,
    file,
  );
}

export async function lintFiles(paths: readonly string[], options: LintFilesOptions): Promise<LintReport> {
  const root = path.resolve(options.cwd ?? process.cwd());
  const config = loadResolvedConfig(options, root);
  const discovered = discoverFiles(paths, { root, exclude: config.exclude });
  const notifications: Notification[] = [...discovered.notifications];
  const inputs: FileInput[] = [];
  const mtimes = new Map<string, number>();
  for (const absolutePath of discovered.files) {
    const relative = toPosix(path.relative(root, absolutePath));
    try {
      const content = readFileSync(absolutePath);
      mtimes.set(relative, statSync(absolutePath).mtimeMs);
      inputs.push({ path: relative, absolutePath, content, module: moduleInfoFor(absolutePath, relative) });
    } catch (error) {
      notifications.push({
        level: 'error', code: 'unreadable-file', file: relative,
        message: `${relative}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      });
    }
  }
  const parser = await loadParser();
  const { report, analyses } = lintProject(parser, inputs, {
    root, config, fix: options.fix ?? 'none', ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}),
  });
  if (options.writeFixes) {
    for (const file of report.files) {
      if (file.fixedSource === undefined) continue;
      const encoding = analyses.get(file.file)?.encoding;
      const problem = writeFixedFile(file.absolutePath, file.fixedSource, encoding, mtimes.get(file.file));
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
