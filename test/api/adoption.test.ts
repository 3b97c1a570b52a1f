// Adoption on an existing code base: baselines, --add-noqa, and unused noqa codes (PSL001).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { addNoqaComments, applyBaseline, ConfigError, createBaseline, lintFiles, lintText, readBaseline, UsageError, writeBaseline } from '../../src/index.js';
import { planNoqaInsertions } from '../../src/engine/run/suppressions.js';
import { loadParser, parseText } from '../../src/engine/source/parser.js';
import { SourceText } from '../../src/engine/source/source-text.js';
import { copyTree } from '../../src/engine/source/syntax.js';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli', 'main.ts');
const tsx = import.meta.resolve('tsx');

const SERVICE = [
  'import functools',
  '',
  'class PriceService:',
  '    @functools.lru_cache(maxsize=256)',
  '    def price_for(self, sku):',
  '        return sku',
  '',
  '    @functools.cache',
  '    def currency(self):',
  '        return "EUR"',
  '',
].join('\n');

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'psl-adopt-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function runCli(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', tsx, cli, ...args], { cwd, encoding: 'utf8' });
}

describe('baseline', () => {
  it('hides recorded findings after lines shift, reports new ones, counts stale entries', async () => {
    const dir = project({ 'svc/prices.py': SERVICE });
    const opts = { cwd: dir, select: ['PSL202'] };
    const baseline = createBaseline(await lintFiles(['.'], opts), dir);
    assert.deepEqual(Object.keys(baseline.files), ['svc/prices.py']);
    assert.equal(baseline.files['svc/prices.py']!.PSL202!.length, 2);

    writeFileSync(path.join(dir, 'svc/prices.py'), `"""Prices."""\nimport os\n\n${SERVICE}\nclass Taxes:\n    @functools.cache\n    def rate(self):\n        return 0.2\n`);
    const applied = applyBaseline(await lintFiles(['.'], opts), baseline, dir);
    assert.deepEqual(applied.report.files.flatMap((f) => f.findings).map((f) => f.span.startLine), [16]);
    assert.equal(applied.suppressed, 2);
    assert.equal(applied.stale, 0);

    writeFileSync(path.join(dir, 'svc/prices.py'), SERVICE.replace('    @functools.cache\n', ''));
    const fixed = applyBaseline(await lintFiles(['.'], opts), baseline, dir);
    assert.equal(fixed.report.files.flatMap((f) => f.findings).length, 0);
    assert.equal(fixed.stale, 1);
  });

  it('matches duplicates one for one, keyed by paths relative to the baseline file', async () => {
    const twice = `${SERVICE}\nclass Other:\n    @functools.cache\n    def currency(self):\n        return "USD"\n`;
    const dir = project({ 'a.py': twice });
    const baseline = createBaseline(await lintFiles(['.'], { cwd: dir, select: ['PSL202'] }), path.join(dir, 'ci'));
    assert.deepEqual(Object.keys(baseline.files), ['../a.py']);
    writeFileSync(path.join(dir, 'a.py'), `${twice}\nclass Third:\n    @functools.cache\n    def currency(self):\n        return "GBP"\n`);
    const applied = applyBaseline(await lintFiles(['a.py'], { cwd: dir, select: ['PSL202'] }), baseline, path.join(dir, 'ci'));
    assert.deepEqual(applied.report.files.flatMap((f) => f.findings).map((f) => f.span.startLine), [18]);
  });

  it('reads what it writes, and rejects missing or foreign files with typed errors', () => {
    const dir = project({ 'bad.json': '{"version": 7}', 'broken.json': '{' });
    const file = path.join(dir, 'b.json');
    writeBaseline(file, { version: 1, tool: 'pysparse-lint', files: { 'z.py': { PSL202: ['b', 'a'] }, 'a.py': {} } });
    assert.equal(readFileSync(file, 'utf8'), '{\n  "version": 1,\n  "tool": "pysparse-lint",\n  "files": {\n    "a.py": {},\n    "z.py": {\n      "PSL202": [\n        "a",\n        "b"\n      ]\n    }\n  }\n}\n');
    assert.deepEqual(readBaseline(file).files['z.py'], { PSL202: ['a', 'b'] });
    assert.throws(() => readBaseline(path.join(dir, 'missing.json')), UsageError);
    assert.throws(() => readBaseline(path.join(dir, 'bad.json')), ConfigError);
    assert.throws(() => readBaseline(path.join(dir, 'broken.json')), ConfigError);
  });

  it('works from the CLI: --write-baseline exits 0, --baseline reports only new findings', () => {
    const dir = project({ 'prices.py': SERVICE });
    const write = runCli(dir, '--select', 'PSL202', '--write-baseline', '.pysparse-baseline.json');
    assert.equal(write.status, 0, write.stderr);
    assert.match(write.stderr, /wrote 2 findings to the baseline/);
    const clean = runCli(dir, '--select', 'PSL202', '--baseline', '.pysparse-baseline.json', '--format', 'concise', '--max-warnings', '0');
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    writeFileSync(path.join(dir, 'prices.py'), `# header\n${SERVICE}\nclass B:\n    @functools.cache\n    def f(self):\n        return 1\n`);
    const fresh = runCli(dir, '--select', 'PSL202', '--baseline', '.pysparse-baseline.json', '--format', 'concise', '--max-warnings', '0');
    assert.equal(fresh.status, 1);
    assert.match(fresh.stdout, /prices\.py:14:5: PSL202/);
    assert.doesNotMatch(fresh.stdout, /prices\.py:5:5/);
    assert.match(fresh.stderr, /2 findings hidden by the baseline/);
  });
});

describe('--add-noqa', () => {
  async function plan(text: string, wanted: Record<number, string[]>) {
    const parser = await loadParser();
    const tree = parseText(parser, text);
    const { root } = copyTree(tree, text);
    tree.delete();
    const result = planNoqaInsertions(root, new SourceText(text), new Map(Object.entries(wanted).map(([l, c]) => [Number(l), c])));
    let out = text;
    for (const e of [...result.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return { out, skipped: result.skipped };
  }

  it('appends, merges with an existing noqa, and goes after another comment', async () => {
    const { out, skipped } = await plan('a = f(x)   \nb = g(y)  # noqa: E501\nc = h(z)  # type: ignore\nd = 1  # noqa\n', {
      1: ['PSL104', 'PSL104'], 2: ['PSL202', 'PSL104'], 3: ['PSL105'], 4: ['PSL202'],
    });
    assert.equal(out, 'a = f(x)  # noqa: PSL104\nb = g(y)  # noqa: E501, PSL104, PSL202\nc = h(z)  # type: ignore  # noqa: PSL105\nd = 1  # noqa\n');
    assert.deepEqual(skipped, []);
  });

  it('never writes inside a multi-line string or after a backslash', async () => {
    const text = 'query = """\n  SELECT *\n""" + suffix\nsql = f("""a\nb""")\ntotal = first + \\\n    second\n';
    const { out, skipped } = await plan(text, { 1: ['PSL104'], 2: ['PSL104'], 3: ['PSL104'], 4: ['PSL105'], 6: ['PSL104'] });
    assert.equal(out, 'query = """\n  SELECT *\n""" + suffix  # noqa: PSL104\nsql = f("""a\nb""")\ntotal = first + \\\n    second\n');
    assert.deepEqual(skipped.map((s) => [s.line, s.reason]), [
      [1, 'the line ends inside a multi-line string'],
      [2, 'the line ends inside a multi-line string'],
      [4, 'the line ends inside a multi-line string'],
      [6, 'the line continues with a backslash'],
    ]);
  });

  it('writes files in their own encoding and line endings, then the findings are gone', async () => {
    const latin1 = Buffer.from('# -*- coding: latin-1 -*-\r\n# Prix en \u00e9cus\r\n' + SERVICE.replace(/\n/g, '\r\n'), 'latin1');
    const dir = project({ 'legacy.py': latin1, 'clean.py': 'x = 1\n' });
    const report = await lintFiles(['.'], { cwd: dir, select: ['PSL202'] });
    const result = await addNoqaComments(report);
    assert.deepEqual([result.filesChanged, result.codesAdded, result.notifications.length], [1, 2, 0]);
    const written = readFileSync(path.join(dir, 'legacy.py'));
    assert.equal(written.toString('latin1'), latin1.toString('latin1')
      .replace('    @functools.lru_cache(maxsize=256)\r\n', '    @functools.lru_cache(maxsize=256)  # noqa: PSL202\r\n')
      .replace('    @functools.cache\r\n', '    @functools.cache  # noqa: PSL202\r\n'));
    assert.equal((await lintFiles(['.'], { cwd: dir, select: ['PSL202'] })).files.flatMap((f) => f.findings).length, 0);
  });

  it('leaves a file alone when it changed since it was linted', async () => {
    const dir = project({ 'prices.py': SERVICE });
    const report = await lintFiles(['.'], { cwd: dir, select: ['PSL202'] });
    writeFileSync(path.join(dir, 'prices.py'), `${SERVICE}# edited\n`);
    const result = await addNoqaComments(report);
    assert.equal(result.filesChanged, 0);
    assert.match(result.notifications[0]!.message, /changed on disk/);
  });

  it('runs from the CLI and refuses --diff', () => {
    const dir = project({ 'prices.py': SERVICE });
    const run = runCli(dir, '--select', 'PSL202', '--add-noqa');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /added 2 noqa codes to 1 file/);
    assert.match(readFileSync(path.join(dir, 'prices.py'), 'utf8'), /@functools\.cache {2}# noqa: PSL202\n/);
    assert.equal(runCli(dir, '--add-noqa', '--diff').status, 2);
  });
});

describe('unused noqa (PSL001)', () => {
  const select = { config: { select: ['PSL001', 'PSL202'] } };
  it('keeps codes that suppressed a finding, by exact code or prefix, on the line or file-wide', async () => {
    const used = SERVICE
      .replace('@functools.lru_cache(maxsize=256)', '@functools.lru_cache(maxsize=256)  # noqa: PSL202')
      .replace('@functools.cache', '@functools.cache  # NOQA:PSL2');
    assert.deepEqual((await lintText(used, select)).findings, []);
    assert.deepEqual((await lintText(`# pysparse-lint: noqa: PSL202\n${SERVICE}`, select)).findings, []);
  });
  it('reports a code whose rule ran and found nothing, and fixes it', async () => {
    const text = `${SERVICE}\ndef plain():  # noqa: PSL202\n    return 1\n`;
    const { findings, output } = await lintText(text, { ...select, fix: true });
    assert.deepEqual(findings.map((f) => f.ruleId), ['PSL202', 'PSL202']);
    assert.equal(output, `${SERVICE}\ndef plain():\n    return 1\n`);
    const unfixed = await lintText(text, select);
    assert.deepEqual(unfixed.findings.map((f) => `${f.ruleId} ${f.span.startLine}:${f.span.startColumn} ${f.message}`), [
      'PSL202 4:5 `@functools.lru_cache` on method `price_for` caches `self` in a cache shared by all instances: every instance it is called on stays alive as long as the cache',
      'PSL202 8:5 `@functools.cache` on method `currency` caches `self` in a cache shared by all instances: every instance it is called on stays alive as long as the cache',
      'PSL001 12:15 Unused `noqa` directive (unused: `PSL202`)',
    ]);
  });
  it('can itself be suppressed, and is off unless selected', async () => {
    assert.deepEqual((await lintText('x = 1  # noqa: PSL202, PSL001\n', select)).findings, []);
    assert.deepEqual((await lintText('x = 1  # noqa: PSL202\n', { config: { select: ['PSL2'] } })).findings, []);
    assert.deepEqual((await lintText('x = 1  # noqa: PSL202\n', { config: { select: ['PSL'] } })).findings.map((f) => f.ruleId), []);
  });
});
