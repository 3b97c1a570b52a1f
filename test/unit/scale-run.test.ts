// Worker threads, the cache and shards change how a run is made, never what it reports.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { UsageError } from '../../src/engine/errors.js';
import { lintFiles, runPerFileTier, type LintFilesOptions } from '../../src/engine/run/lint-files.js';
import type { Rule } from '../../src/engine/run/rule.js';
import { inShard, linkShards, parseShardSpec, writeShard } from '../../src/engine/run/shards.js';
import type { LintReport } from '../../src/engine/types.js';
import { renderReport } from '../../src/formatters/index.js';
import { builtinRules } from '../../src/rules/index.js';
import { sampleProject } from '../robustness/corpus.js';

/** The report as SARIF and JSON text, without the run's clock times. */
function rendered(report: LintReport, rules: readonly Rule[] = builtinRules): string {
  const sarif = renderReport(report, rules, 'sarif', { toolVersion: 'test' }).text
    .replace(/"(start|end)TimeUtc": "[^"]*"/g, '"$1TimeUtc": "-"');
  const json = renderReport(report, rules, 'json', { toolVersion: 'test' }).text;
  return `${sarif}\n${json}`;
}

let project: { root: string; remove: () => void };
let base: LintFilesOptions;
let reference: string;
const temp: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pysparse-scale-'));
  temp.push(dir);
  return dir;
}

before(async () => {
  project = sampleProject();
  base = { cwd: project.root, catalogue: builtinRules, config: { select: ['ALL'] }, jobs: 2 };
  // In this thread: a copy of a file rule is not a built-in, so no worker could load it.
  const copies = builtinRules.map((r) => (r.tier === 'file' ? { ...r } : r)) as Rule[];
  reference = rendered(await lintFiles(['.'], { ...base, catalogue: copies }), copies);
});
after(() => {
  project.remove();
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

describe('worker threads', () => {
  for (const jobs of [1, 2, 3]) {
    it(`give the same report as one thread with --jobs ${jobs}`, async () => {
      const tier = await runPerFileTier(['.'], { ...base, jobs });
      assert.ok(tier.stats.workers >= 1 && tier.stats.workers <= jobs, `${tier.stats.workers} workers`);
      assert.equal(rendered(await lintFiles(['.'], { ...base, jobs })), reference);
    });
  }

  it('reports progress for every file', async () => {
    const seen: [number, number][] = [];
    await lintFiles(['.'], { ...base, jobs: 2, onProgress: (done, total) => seen.push([done, total]) });
    assert.ok(seen.length > 0);
    const total = seen[0]![1];
    assert.deepEqual(seen.map(([done]) => done), Array.from({ length: total }, (_, i) => i + 1));
  });
});

describe('cache', () => {
  it('gives the same report cold and warm, and re-analyses only what changed', async () => {
    const cacheLocation = path.join(tempDir(), 'cache');
    const options = { ...base, cache: true, cacheLocation, jobs: 2 };
    const cold = await runPerFileTier(['.'], options);
    assert.equal(cold.stats.cacheHits, 0);
    assert.equal(rendered(await lintFiles(['.'], options)), reference);
    const warm = await runPerFileTier(['.'], options);
    assert.equal(warm.stats.analysed, 0);
    assert.equal(warm.stats.workers, 0);
    assert.ok(existsSync(path.join(cacheLocation, 'CACHEDIR.TAG')));

    // One file changes: one analysis, and the report equals an uncached run of the new tree.
    const changed = path.join(project.root, 'broken', 'syntax.py');
    const before = readFileSync(changed);
    try {
      appendFileSync(changed, 'extra = sum([x for x in rows])\n');
      const touched = await runPerFileTier(['.'], options);
      assert.equal(touched.stats.analysed, 1);
      assert.equal(rendered(await lintFiles(['.'], options)), rendered(await lintFiles(['.'], base)));
    } finally {
      writeFileSync(changed, before);
    }
  });

  it('starts afresh for another configuration, without a warning, and drops the old entries', async () => {
    const cacheLocation = path.join(tempDir(), 'cache');
    await runPerFileTier(['.'], { ...base, cache: true, cacheLocation });
    const other = await runPerFileTier(['.'], { ...base, cache: true, cacheLocation, config: { select: ['PSL104'] } });
    assert.equal(other.stats.cacheHits, 0);
    assert.deepEqual(other.notifications.filter((n) => n.code.startsWith('cache')), []);
    assert.equal(readdirSync(cacheLocation).filter((n) => n.startsWith('v')).length, 1);
  });

  for (const [name, damage] of [
    ['truncated', (text: Buffer) => text.subarray(0, Math.floor(text.length / 2))],
    ['edited', (text: Buffer) => Buffer.from(text.toString('utf8').replace(/"syntaxErrorCount":\d+/, '"syntaxErrorCount":7'))],
    ['replaced by garbage', () => Buffer.from([0, 1, 2, 3, 10, 255])],
    ['emptied', () => Buffer.alloc(0)],
  ] as const) {
    it(`ignores entries ${name}, with a warning, and the report is still right`, async () => {
      const cacheLocation = path.join(tempDir(), 'cache');
      cpSync(await goodCache(), cacheLocation, { recursive: true });
      const entries = readdirSync(cacheLocation).filter((n) => n.startsWith('v')).map((d) => path.join(cacheLocation, d));
      const files = readdirSync(entries[0]!).map((f) => path.join(entries[0]!, f));
      for (const file of files.slice(0, 3)) writeFileSync(file, damage(readFileSync(file)));
      const report = await lintFiles(['.'], { ...base, cache: true, cacheLocation });
      const warnings = report.notifications.filter((n) => n.code === 'cache-ignored');
      assert.equal(warnings.length, 1, JSON.stringify(report.notifications));
      assert.match(warnings[0]!.message, /3 damaged cache entries/);
      assert.equal(rendered({ ...report, notifications: report.notifications.filter((n) => n.code !== 'cache-ignored') }), reference);
    });
  }

  for (const [name, make] of [
    ['a file', (at: string) => writeFileSync(at, '{"version": 1, "entries": {}}')],
    ['a folder of something else', (at: string) => { mkdirSync(at); writeFileSync(path.join(at, 'notes.txt'), 'mine'); }],
  ] as const) {
    it(`leaves --cache-location alone when it is ${name}, with a warning`, async () => {
      const cacheLocation = path.join(tempDir(), 'elsewhere');
      make(cacheLocation);
      const report = await lintFiles(['.'], { ...base, cache: true, cacheLocation });
      assert.equal(report.notifications.filter((n) => n.code === 'cache-ignored').length, 1);
      assert.equal(rendered({ ...report, notifications: report.notifications.filter((n) => n.code !== 'cache-ignored') }), reference);
      if (name === 'a file') assert.equal(readFileSync(cacheLocation, 'utf8'), '{"version": 1, "entries": {}}');
      else assert.deepEqual(readdirSync(cacheLocation), ['notes.txt']);
    });
  }
});

let good: string | undefined;
/** A cache folder of the sample project, made once. */
async function goodCache(): Promise<string> {
  if (!good) {
    good = path.join(tempDir(), 'good-cache');
    await runPerFileTier(['.'], { ...base, cache: true, cacheLocation: good });
  }
  return good;
}

describe('shards', () => {
  it('split the files: each in exactly one shard', () => {
    const files = Array.from({ length: 500 }, (_, i) => `pkg/mod_${i}/file.py`);
    for (const count of [1, 2, 3, 7]) {
      const homes = files.map((f) => Array.from({ length: count }, (_, k) => k + 1).filter((index) => inShard(f, { index, count })));
      assert.ok(homes.every((h) => h.length === 1), `count ${count}`);
      if (count > 1) assert.ok(new Set(homes.map((h) => h[0])).size === count, 'every shard gets files');
    }
  });

  it('read K/N', () => {
    assert.deepEqual(parseShardSpec('2/4'), { index: 2, count: 4 });
    for (const bad of ['0/3', '4/3', '1', 'a/b', '1/0', '-1/2']) assert.throws(() => parseShardSpec(bad), UsageError, bad);
  });

  for (const count of [1, 2, 3]) {
    it(`linked from ${count} facts file${count > 1 ? 's' : ''} give the unsharded report`, async () => {
      const dir = tempDir();
      const facts: string[] = [];
      for (let index = 1; index <= count; index++) {
        const file = path.join(dir, `shard-${index}.json`);
        await writeShard(['.'], { index, count }, file, { ...base, jobs: 2 });
        facts.push(file);
      }
      assert.equal(rendered(linkShards(facts.reverse(), base)), reference);
    });
  }

  it('refuse a missing, doubled or foreign shard, or another configuration', async () => {
    const dir = tempDir();
    const one = path.join(dir, 'one.json');
    const two = path.join(dir, 'two.json');
    await writeShard(['.'], { index: 1, count: 2 }, one, base);
    await writeShard(['.'], { index: 2, count: 2 }, two, base);
    assert.throws(() => linkShards([one], base), /shard 2\/2 missing/);
    assert.throws(() => linkShards([one, one, two], base), /both shard 1\/2/);
    assert.throws(() => linkShards([one, two], { ...base, config: { select: ['PSL104'] } }), /another configuration/);
    const foreign = path.join(dir, 'foreign.json');
    writeFileSync(foreign, '{"format": "sarif"}');
    assert.throws(() => linkShards([foreign], base), /not a facts file/);
  });
});
