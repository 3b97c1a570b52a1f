// A pool of worker threads for the per-file tier: each worker analyses one file at a time with the
// next one already queued, a time budget per file, and a fresh worker for each one that hangs or
// dies. Only plain data crosses threads.
import { Worker } from 'node:worker_threads';
import type { RuleSettings } from '../config/config.js';
import type { ModuleInfo } from '../facts/types.js';
import type { FileAnalysis } from './analyze-file.js';

/** What every worker is started with (plain data: rules travel as codes, plugins as module paths). */
export interface WorkerSetup {
  readonly pysparseFileWorker: true;
  /** The file rules to run, by code; built-ins come from the registry, the rest from `plugins`. */
  readonly ruleCodes: readonly string[];
  readonly settings: readonly (readonly [string, RuleSettings])[];
  readonly plugins: { readonly specifiers: readonly string[]; readonly baseDir: string } | null;
  readonly maxFileBytes?: number;
}

export interface WorkerJob {
  readonly id: number;
  readonly path: string;
  readonly absolutePath: string;
  readonly module: ModuleInfo;
}

export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'fatal'; readonly message: string }
  /**
   * The analysis travels as JSON text: V8 parses it about twice as fast as it deserializes a
   * structured clone, and the objects it builds take a third less memory (measured on the stdlib).
   */
  | {
    readonly type: 'done'; readonly id: number; readonly analysis: string; readonly mtimeMs?: number;
    /** The worker's WASM memory after the file, in bytes (it never shrinks: see RECYCLE_WASM_BYTES). */
    readonly wasmBytes?: number;
  };

export interface JobOutcome {
  readonly analysis: FileAnalysis;
  /** The analysis as the JSON text it arrived in (the cache stores it as is); not to be kept. */
  readonly json?: string;
  /** When the worker read the file (for `--fix`'s changed-on-disk check). */
  readonly mtimeMs?: number;
}

export interface PoolOptions {
  /** Worker threads to start (at most one per job). */
  readonly size: number;
  /** A file still unfinished after this long is reported and skipped; its worker is replaced. */
  readonly timeoutMs: number;
  readonly onOutcome?: (job: WorkerJob, outcome: JobOutcome) => void;
  /** Replace a worker whose WASM memory grew past this many bytes; default RECYCLE_WASM_BYTES. */
  readonly recycleWasmBytes?: number;
}

/**
 * A worker whose WASM memory grew past this on a big file is replaced once it is done with it:
 * WASM memory never shrinks, so it would hold that much for the rest of the run. (A parse takes
 * ~27× the file's size; the standard library's files stay within the initial 32 MB.)
 */
export const RECYCLE_WASM_BYTES = 256 * 1024 * 1024;

/** A worker that fails this many times in a row before it is ready means the setup is broken. */
const MAX_STARTUP_FAILURES = 3;

/**
 * The worker script next to this module: `file-worker.js` in the built package. When the sources
 * run under tsx (tests), `file-worker.ts` is loaded through a two-line bootstrap that first
 * registers tsx in the new thread (Node 20 does not pass loader hooks on to workers).
 */
export function workerScript(): { script: string | URL; eval: boolean } {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { script: new URL('./file-worker.js', here), eval: false };
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./file-worker.ts', here).href;
  return { script: `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, eval: true };
}

/**
 * Jobs sent to a worker ahead of the one it is on: the next file is already in its queue when it
 * finishes one, so it never waits for this thread to answer (on two busy cores, a reply can wait
 * milliseconds to be read, about a tenth of each worker's time when it was one job at a time).
 */
const JOBS_IN_FLIGHT = 2;

interface Slot {
  readonly worker: Worker;
  /** Sent and not answered yet, in the order the worker takes them; the first is the one it is on. */
  readonly jobs: WorkerJob[];
  /** The time budget of the first job: it starts when the worker starts that job. */
  timer: NodeJS.Timeout | null;
  ready: boolean;
  /** Terminated or lost: every later event of this worker is ignored. */
  gone: boolean;
}

/** Analyse every job in worker threads; outcomes come back in job order. */
export function analyzeInWorkers(jobs: readonly WorkerJob[], setup: WorkerSetup, options: PoolOptions): Promise<JobOutcome[]> {
  const outcomes: (JobOutcome | undefined)[] = new Array(jobs.length);
  const indexOf = new Map(jobs.map((job, index) => [job.id, index]));
  if (jobs.length === 0) return Promise.resolve([]);
  const { script, eval: isCode } = workerScript();
  const size = Math.max(1, Math.min(options.size, jobs.length));

  return new Promise((resolve, reject) => {
    const slots = new Set<Slot>();
    /** Jobs not sent yet; ones taken back from a worker that stopped go to the front. */
    const pending = [...jobs];
    let finished = 0;
    let startupFailures = 0;
    let settled = false;

    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      for (const slot of slots) retire(slot);
      if (error) reject(error);
      else resolve(outcomes as JobOutcome[]);
    };
    const retire = (slot: Slot) => {
      slot.gone = true;
      if (slot.timer) clearTimeout(slot.timer);
      slots.delete(slot);
      void slot.worker.terminate();
    };
    const record = (job: WorkerJob, outcome: JobOutcome) => {
      const index = indexOf.get(job.id)!;
      if (outcomes[index]) return;
      // The JSON text goes to `onOutcome` only: kept, it would double the memory of the run.
      const { json: _json, ...kept } = outcome;
      outcomes[index] = kept;
      finished++;
      options.onOutcome?.(job, outcome);
      if (finished === jobs.length) settle(null);
    };
    const feed = (slot: Slot) => {
      if (settled || slot.gone) return;
      while (slot.jobs.length < JOBS_IN_FLIGHT && pending.length > 0) {
        const job = pending.shift()!;
        slot.jobs.push(job);
        slot.worker.postMessage(job);
      }
      if (slot.jobs.length === 0) retire(slot);
      else slot.timer ??= setTimeout(() => timedOut(slot), options.timeoutMs);
    };
    /** Stop a worker: returns the job it was on; the ones queued behind it go back to the front of the queue. */
    const stop = (slot: Slot): WorkerJob | undefined => {
      const [current, ...queued] = slot.jobs;
      retire(slot);
      pending.unshift(...queued);
      return current;
    };
    const timedOut = (slot: Slot) => {
      const job = stop(slot);
      if (job) {
        const seconds = Math.round(options.timeoutMs / 100) / 10;
        record(job, { analysis: failed(job, {
          level: 'error', code: 'file-timeout', file: job.path,
          message: `${job.path} took longer than ${seconds} s to analyse: skipped (raise --file-timeout to allow more)`,
        }) });
      }
      replace();
    };
    const lost = (slot: Slot, reason: string) => {
      if (slot.gone) return;
      const { ready } = slot;
      const job = stop(slot);
      if (job) {
        record(job, { analysis: failed(job, {
          level: 'error', code: 'internal-error', file: job.path,
          message: `internal error analysing ${job.path}: the worker thread stopped (${reason}); the file was skipped`,
        }) });
      } else if (!ready && ++startupFailures >= MAX_STARTUP_FAILURES) {
        settle(new Error(`worker threads fail to start: ${reason}`));
        return;
      }
      replace();
    };
    const replace = () => {
      if (!settled && pending.length > 0 && slots.size < size) spawn();
    };
    const spawn = () => {
      const worker = new Worker(script, { workerData: setup, eval: isCode, execArgv: [] });
      const slot: Slot = { worker, jobs: [], timer: null, ready: false, gone: false };
      slots.add(slot);
      worker.on('message', (reply: WorkerReply) => {
        if (slot.gone) return;
        if (reply.type === 'ready') {
          slot.ready = true;
          startupFailures = 0;
          feed(slot);
        } else if (reply.type === 'fatal') {
          settle(new Error(`a worker thread could not start: ${reply.message}`));
        } else if (slot.jobs[0] && reply.id === slot.jobs[0].id) {
          const job = slot.jobs.shift()!;
          if (slot.timer) clearTimeout(slot.timer);
          slot.timer = null;
          // Refill before parsing the reply, so the worker's queue is never empty for long.
          if ((reply.wasmBytes ?? 0) > (options.recycleWasmBytes ?? RECYCLE_WASM_BYTES) && !settled) {
            // Between files: every job still in its queue is unstarted (or as good as) and goes back.
            retire(slot);
            pending.unshift(...slot.jobs);
            replace();
          } else {
            feed(slot);
          }
          record(job, { analysis: JSON.parse(reply.analysis) as FileAnalysis, json: reply.analysis, ...(reply.mtimeMs !== undefined ? { mtimeMs: reply.mtimeMs } : {}) });
        }
      });
      worker.on('error', (error) => lost(slot, error.message));
      worker.on('exit', (code) => lost(slot, `exit code ${code}`));
    };
    for (let i = 0; i < size; i++) spawn();
  });
}

function failed(job: WorkerJob, notification: FileAnalysis['notifications'][number]): FileAnalysis {
  return {
    path: job.path, absolutePath: job.absolutePath, facts: null, findings: [], suppressions: { file: null, lines: [] },
    syntaxErrorCount: 0, notifications: [notification],
  };
}
