// Sharding for CI matrices: `--shard K/N --facts-out FILE` runs the per-file tier on a stable 1/N
// of the files and saves their analyses; `link FILE...` merges the shards, runs the project tier
// and reports as if one run had seen every file.
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/config.js';
import { UsageError } from '../errors.js';
import type { LintReport, Notification } from '../types.js';
import type { FileAnalysis } from './analyze-file.js';
import { engineFingerprint, sha256, type CachedAnalysis } from './cache.js';
import { lintAnalyzed } from './lint-project.js';
import { locateResolvedConfig, runPerFileTier, type LintFilesOptions } from './lint-files.js';

export const SHARD_FORMAT = 'pysparse-lint-shard';
export const SHARD_VERSION = 1;

/** Shard `index` (1-based) of `count`. */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/** `K/N` with 1 ≤ K ≤ N, as `--shard` takes it. */
export function parseShardSpec(text: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || !(count >= 1) || !(index >= 1) || index > count) {
    throw new UsageError(`--shard must be K/N with 1 <= K <= N, not '${text}'`, 'e.g. --shard 2/4 for the second of four CI jobs');
  }
  return { index, count };
}

/**
 * Whether a file (its path relative to the run's root) belongs to a shard: by a hash of the path,
 * so every machine agrees and adding a file never moves the others to another shard.
 */
export function inShard(relativePath: string, shard: ShardSpec): boolean {
  return fnv1a(relativePath) % shard.count === shard.index - 1;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

interface ShardEntry {
  /** Relative to the run's root, `/`-separated. */
  readonly path: string;
  readonly analysis: CachedAnalysis;
}

/** What `--facts-out` writes: plain JSON. */
export interface ShardFile {
  readonly format: typeof SHARD_FORMAT;
  readonly version: typeof SHARD_VERSION;
  /** Tool code and the configuration that shapes results: `link` refuses to mix shards that differ. */
  readonly fingerprint: string;
  readonly shard: ShardSpec;
  readonly files: readonly ShardEntry[];
  /** Discovery and cache notifications (the same in every shard: `link` keeps one of each). */
  readonly notifications: readonly Notification[];
  /** Files that could not be read, in path order. */
  readonly unreadable: readonly Notification[];
}

/** The tool and every setting a shard's results depend on (rules, options, severities, ignores). */
export function shardFingerprint(config: ResolvedConfig): string {
  const rules = config.rules.map((r) => [r.code, r.tier, config.settings.get(r.code) ?? null]);
  return sha256(JSON.stringify({ engine: engineFingerprint(), rules, perFileIgnores: config.perFileIgnores }));
}

/** Run the per-file tier on one shard and write its analyses to `factsOut`. Returns the file's summary. */
export async function writeShard(
  paths: readonly string[],
  shard: ShardSpec,
  factsOut: string,
  options: LintFilesOptions,
): Promise<{ readonly files: number; readonly notifications: readonly Notification[] }> {
  const tier = await runPerFileTier(paths, options, (file) => inShard(file, shard));
  const files: ShardEntry[] = [...tier.analyses.values()].map((analysis) => {
    const { path: file, absolutePath: _absolute, source: _source, ...rest } = analysis;
    return { path: file, analysis: rest };
  });
  const data: ShardFile = {
    format: SHARD_FORMAT,
    version: SHARD_VERSION,
    fingerprint: shardFingerprint(tier.config),
    shard,
    files,
    notifications: tier.notifications,
    unreadable: tier.unreadable,
  };
  const target = path.resolve(tier.root, factsOut);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify(data));
    renameSync(temp, target);
  } catch (error) {
    try { unlinkSync(temp); } catch { /* nothing was written */ }
    throw new UsageError(`cannot write --facts-out ${factsOut}: ${(error as Error).message}`);
  }
  return { files: files.length, notifications: [...tier.notifications, ...tier.unreadable, ...files.flatMap((f) => f.analysis.notifications)] };
}

/**
 * Merge shard files and run the project tier over them: the report an unsharded run over the
 * same files would give. Every shard of the same N must be there exactly once, made by the same
 * tool with the same configuration as this run's.
 */
export function linkShards(shardFiles: readonly string[], options: LintFilesOptions): LintReport {
  const startTime = new Date();
  if (shardFiles.length === 0) throw new UsageError('link needs the facts files written by --facts-out', 'pysparse-lint link shard-*.json');
  const root = path.resolve(options.cwd ?? process.cwd());
  const { config } = locateResolvedConfig(options, root);
  const expected = shardFingerprint(config);
  const shards = shardFiles.map((file) => readShardFile(path.resolve(root, file)));
  const count = shards[0]!.data.shard.count;
  const seen = new Map<number, string>();
  for (const { file, data } of shards) {
    if (data.fingerprint !== expected) {
      throw new UsageError(`${file} was made by another version of pysparse-lint or with another configuration than this link run`,
        'run the shards and the link step from the same commit, with the same --select/--ignore/--config');
    }
    if (data.shard.count !== count) throw new UsageError(`${file} is shard ${data.shard.index}/${data.shard.count}, but ${shards[0]!.file} is one of ${count}`);
    const other = seen.get(data.shard.index);
    if (other) throw new UsageError(`${file} and ${other} are both shard ${data.shard.index}/${count}`);
    seen.set(data.shard.index, file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    throw new UsageError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing`, 'pass every facts file of the matrix to link');
  }

  const entries = shards.flatMap(({ data }) => data.files).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const analyses = new Map<string, FileAnalysis>();
  for (const entry of entries) {
    if (analyses.has(entry.path)) throw new UsageError(`${entry.path} is in more than one shard`);
    analyses.set(entry.path, { ...entry.analysis, path: entry.path, absolutePath: path.resolve(root, entry.path) });
  }
  const { report } = lintAnalyzed({ analyses }, { root, config, fix: 'none' }, startTime);
  const runWide = dedupeNotifications(shards.flatMap(({ data }) => data.notifications));
  const unreadable = shards.flatMap(({ data }) => data.unreadable).sort((a, b) => ((a.file ?? '') < (b.file ?? '') ? -1 : 1));
  return { ...report, notifications: [...runWide, ...unreadable, ...report.notifications] };
}

function readShardFile(file: string): { file: string; data: ShardFile } {
  let data: Partial<ShardFile>;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Partial<ShardFile>;
  } catch (error) {
    throw new UsageError(`cannot read facts file ${file}: ${(error as Error).message}`);
  }
  const valid = typeof data === 'object' && data !== null && data.format === SHARD_FORMAT && data.version === SHARD_VERSION
    && typeof data.fingerprint === 'string' && typeof data.shard?.index === 'number' && typeof data.shard.count === 'number'
    && Array.isArray(data.files) && Array.isArray(data.notifications) && Array.isArray(data.unreadable)
    && data.files.every((f) => typeof f?.path === 'string' && typeof f.analysis === 'object' && f.analysis !== null
      && Array.isArray(f.analysis.findings) && Array.isArray(f.analysis.notifications));
  if (!valid) throw new UsageError(`${file} is not a facts file written by pysparse-lint --facts-out (format ${SHARD_VERSION})`);
  return { file, data: data as ShardFile };
}

function dedupeNotifications(list: readonly Notification[]): Notification[] {
  const seen = new Set<string>();
  return list.filter((n) => {
    const key = `${n.code}\u0000${n.file ?? ''}\u0000${n.message}`;
    return !seen.has(key) && !!seen.add(key);
  });
}
