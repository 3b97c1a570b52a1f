// The worker pool on its own: a worker whose WASM memory grew is replaced, and nothing changes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { resolveConfig } from '../../src/engine/config/config.js';
import type { FileRule } from '../../src/engine/run/rule.js';
import { analyzeInWorkers, type JobOutcome, type WorkerJob, type WorkerSetup } from '../../src/engine/run/worker-pool.js';
import { builtinRules } from '../../src/rules/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pysparse-pool-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const sources = [
  'def load(path):\n    rows = []\n    for line in open(path):\n        rows.append(line)\n    return rows\n',
  'import functools\n\nclass A:\n    @functools.lru_cache(maxsize=None)\n    def f(self, x):\n        return x\n',
  'total = sum([x * 2 for x in range(10)])\n',
  'def broken(:\n    pass\n',
];
const jobs: WorkerJob[] = sources.map((text, id) => {
  const file = path.join(dir, `m${id}.py`);
  writeFileSync(file, text);
  return { id, path: `m${id}.py`, absolutePath: file, module: { path: `m${id}.py`, name: `m${id}`, isPackageInit: false } };
});
const config = resolveConfig(builtinRules, { select: ['ALL'] }, {});
const fileRules = config.rules.filter((r): r is FileRule => r.tier === 'file');
const setup: WorkerSetup = {
  pysparseFileWorker: true,
  ruleCodes: fileRules.map((r) => r.code),
  settings: [...config.settings].filter(([code]) => fileRules.some((r) => r.code === code)),
  plugins: null,
};
const plain = (outcomes: readonly JobOutcome[]) => JSON.stringify(outcomes.map((o) => o.analysis));

describe('worker pool', () => {
  it('replaces a worker whose WASM memory grew past the limit, with the same results', async () => {
    const kept = await analyzeInWorkers(jobs, setup, { size: 2, timeoutMs: 30_000 });
    // A limit of 0 bytes: every worker is replaced after each file.
    const recycled = await analyzeInWorkers(jobs, setup, { size: 2, timeoutMs: 30_000, recycleWasmBytes: 0 });
    assert.equal(plain(recycled), plain(kept));
    assert.ok(kept.every((o) => o.analysis.notifications.every((n) => n.code !== 'internal-error')));
  });
});
