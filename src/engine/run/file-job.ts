// One file of the per-file tier as a job: read it, hash it, analyse it; the same in a worker or here.
import { readFileSync, statSync } from 'node:fs';
import type { Parser } from 'web-tree-sitter';
import { analyzeFile, type FileAnalysis } from './analyze-file.js';
import { hashContent } from './cache.js';
import type { FileRule } from './rule.js';
import type { WorkerJob, WorkerSetup } from './worker-pool.js';

/** Read one file and analyse it; the decoded text is left out of the reply (see FileAnalysis.contentHash). */
export function analyzeJob(
  parser: Parser,
  job: WorkerJob,
  rules: readonly FileRule[],
  setup: Pick<WorkerSetup, 'settings' | 'maxFileBytes'>,
): { analysis: FileAnalysis; mtimeMs?: number } {
  let bytes: Buffer;
  let mtimeMs: number;
  try {
    mtimeMs = statSync(job.absolutePath).mtimeMs;
    bytes = readFileSync(job.absolutePath);
  } catch (error) {
    return { analysis: unreadable(job, error) };
  }
  const analysis = analyzeFile(parser, {
    path: job.path, absolutePath: job.absolutePath, content: bytes, module: job.module, contentHash: hashContent(bytes),
  }, { rules, settings: new Map(setup.settings), ...(setup.maxFileBytes ? { maxFileBytes: setup.maxFileBytes } : {}) });
  const { source: _dropped, ...rest } = analysis;
  return { analysis: rest, mtimeMs };
}

/** The analysis of a file that could not be read (deleted during the run, no permission…). */
export function unreadable(job: Pick<WorkerJob, 'path' | 'absolutePath'>, error: unknown): FileAnalysis {
  return {
    path: job.path, absolutePath: job.absolutePath, facts: null, findings: [], suppressions: { file: null, lines: [] },
    syntaxErrorCount: 0,
    notifications: [{
      level: 'error', code: 'unreadable-file', file: job.path,
      message: `${job.path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    }],
  };
}

