// The per-file tier of a run over files on disk: cache look-ups, then the misses analysed in a
// pool of worker threads (or in this thread when the rules cannot travel), results in path order.
import { availableParallelism } from 'node:os';
import { readFileSync, statSync } from 'node:fs';
import type { ResolvedConfig } from '../config/config.js';
import type { ModuleInfo } from '../facts/types.js';
import { loadParser } from '../source/parser.js';
import { internalError, type FileAnalysis } from './analyze-file.js';
import type { FileCache } from './cache.js';
import { hashContent } from './cache.js';
import { analyzeJob, unreadable } from './file-job.js';
import type { FileRule } from './rule.js';
import { analyzeInWorkers, type JobOutcome, type WorkerJob, type WorkerSetup } from './worker-pool.js';

/** The default per-file time budget (`--file-timeout`). */
export const DEFAULT_FILE_TIMEOUT_MS = 30_000;

/** Fewer files than this per extra worker are not worth a thread's start-up (~0.1 s). */
const FILES_PER_WORKER = 16;

export interface FileToAnalyze {
  /** Relative to the run's root, `/`-separated. */
  readonly path: string;
  readonly absolutePath: string;
  readonly module: ModuleInfo;
}

export interface AnalyzeFilesOptions {
  readonly config: ResolvedConfig;
  readonly maxFileBytes?: number;
  /** Worker threads; default: the available cores. */
  readonly jobs?: number;
  readonly fileTimeoutMs?: number;
  readonly cache?: FileCache | null;
  /**
   * How workers get the rules: built-ins by code, plugins by module path. Null when some
   * selected file rule exists only as an object in this thread (a `Linter` made with custom
   * rules): then every file is analysed here, without a time budget.
   */
  readonly workerRules: { readonly plugins: { readonly specifiers: readonly string[]; readonly baseDir: string } | null } | null;
  /** Called after each file (cache hits included). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface AnalyzedFile {
  readonly analysis: FileAnalysis;
  /** When the file was read, for `--fix`'s changed-on-disk check. */
  readonly mtimeMs?: number;
}

/**
 * A worker's analysis JSON without `path` and `absolutePath` (the cache keys entries by path
 * and stores no absolute paths): they come first, so this is one cheap slice.
 */
function withoutPlace(json: string): string | undefined {
  const match = /^\{"path":"(?:[^"\\]|\\.)*","absolutePath":"(?:[^"\\]|\\.)*",/.exec(json.slice(0, 8192));
  return match ? `{${json.slice(match[0].length)}` : undefined;
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** How the per-file tier went: files served by the cache, files analysed, worker threads started. */
export interface PerFileStats {
  readonly cacheHits: number;
  readonly analysed: number;
  readonly workers: number;
}

/** Analyse `files`; the map follows the order of `files`. */
export async function analyzeFiles(
  files: readonly FileToAnalyze[],
  options: AnalyzeFilesOptions,
): Promise<{ results: Map<string, AnalyzedFile>; stats: PerFileStats }> {
  const fileRules = options.config.rules.filter((r): r is FileRule => r.tier === 'file');
  const results = new Map<string, AnalyzedFile>();
  const total = files.length;
  let done = 0;
  const progress = () => options.onProgress?.(++done, total);

  // Cache look-ups (and sizes, to hand out the biggest files first).
  const misses: { file: FileToAnalyze; size: number }[] = [];
  for (const file of files) {
    let size = 0;
    try {
      const stat = statSync(file.absolutePath);
      size = stat.size;
      if (options.cache && stat.isFile()) {
        const bytes = readFileSync(file.absolutePath);
        const hash = hashContent(bytes);
        const hit = options.cache.get(file.path, hash, file.module);
        if (hit) {
          results.set(file.path, { analysis: { ...hit, path: file.path, absolutePath: file.absolutePath }, mtimeMs: stat.mtimeMs });
          progress();
          continue;
        }
      }
    } catch {
      // Gone or unreadable: the analysis says so.
    }
    misses.push({ file, size });
  }
  misses.sort((a, b) => b.size - a.size || (a.file.path < b.file.path ? -1 : 1));
  const jobs: WorkerJob[] = misses.map(({ file }, id) => ({ id, path: file.path, absolutePath: file.absolutePath, module: file.module }));
  const remember = (job: WorkerJob, { json, ...outcome }: JobOutcome) => {
    results.set(job.path, outcome);
    options.cache?.set(outcome.analysis, job.module, json === undefined ? undefined : withoutPlace(json));
    progress();
  };

  let workers = 0;
  if (jobs.length > 0 && options.workerRules) {
    const setup: WorkerSetup = {
      pysparseFileWorker: true,
      ruleCodes: fileRules.map((r) => r.code),
      settings: [...options.config.settings].filter(([code]) => fileRules.some((r) => r.code === code)),
      plugins: options.workerRules.plugins,
      ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}),
    };
    workers = Math.min(options.jobs ?? defaultJobs(), Math.ceil(jobs.length / FILES_PER_WORKER));
    await analyzeInWorkers(jobs, setup, {
      size: workers,
      timeoutMs: options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS,
      onOutcome: remember,
    });
  } else if (jobs.length > 0) {
    const parser = await loadParser();
    const setup = { settings: [...options.config.settings], ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}) };
    for (const job of jobs) {
      let outcome: JobOutcome;
      try {
        outcome = analyzeJob(parser, job, fileRules, setup);
      } catch (error) {
        outcome = { analysis: { ...unreadable(job, error), notifications: [internalError(job.path, 'analysing', error)] } };
      }
      remember(job, outcome);
    }
  }

  const ordered = new Map<string, AnalyzedFile>();
  for (const file of files) ordered.set(file.path, results.get(file.path)!);
  return { results: ordered, stats: { cacheHits: files.length - jobs.length, analysed: jobs.length, workers } };
}
