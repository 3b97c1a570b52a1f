// A worker thread of the per-file tier: reads, hashes and analyses the files it is sent, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { builtinRules } from '../../rules/index.js';
import { loadPlugins, mergeCatalogue } from '../plugins.js';
import { loadParser, wasmMemoryBytes } from '../source/parser.js';
import { internalError } from './analyze-file.js';
import { analyzeJob, unreadable } from './file-job.js';
import type { FileRule } from './rule.js';
import type { WorkerJob, WorkerReply, WorkerSetup } from './worker-pool.js';

async function serve(): Promise<void> {
  const port = parentPort!;
  const setup = workerData as WorkerSetup;
  let rules: FileRule[];
  let parser: Awaited<ReturnType<typeof loadParser>>;
  try {
    const plugins = setup.plugins ? await loadPlugins(setup.plugins.specifiers, setup.plugins.baseDir) : [];
    const catalogue = mergeCatalogue(builtinRules, plugins);
    rules = setup.ruleCodes.map((code) => {
      const rule = catalogue.find((r) => r.code === code);
      if (!rule || rule.tier !== 'file') throw new Error(`rule ${code} is not a file rule this worker can load`);
      return rule;
    });
    parser = await loadParser();
  } catch (error) {
    port.postMessage({ type: 'fatal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply);
    return;
  }
  port.on('message', (job: WorkerJob) => {
    let reply: WorkerReply;
    try {
      const { analysis, mtimeMs } = analyzeJob(parser, job, rules, setup);
      reply = { type: 'done', id: job.id, analysis: JSON.stringify(analysis), ...(mtimeMs !== undefined ? { mtimeMs } : {}), wasmBytes: wasmMemoryBytes() };
    } catch (error) {
      const failed = { ...unreadable(job, error), notifications: [internalError(job.path, 'analysing', error)] };
      reply = { type: 'done', id: job.id, analysis: JSON.stringify(failed) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}

if (parentPort && (workerData as { pysparseFileWorker?: boolean } | null)?.pysparseFileWorker) void serve();
