// The command line of the scale options: --jobs, --cache, --shard/--facts-out and `link`, end to end.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli', 'main.js');
let root: string;

function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 2) : 0, stdout, stderr });
    });
  });
}

const withoutClock = (sarif: string) => sarif.replace(/"(start|end)TimeUtc": "[^"]*"/g, '');

before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'pysparse-cli-scale-'));
  mkdirSync(path.join(root, 'shop'));
  writeFileSync(path.join(root, 'shop', '__init__.py'), '');
  writeFileSync(path.join(root, 'shop', 'orders.py'), [
    'import functools',
    '',
    'REGISTRY = {}',
    '',
    'def register(name, handler):',
    '    REGISTRY[name] = handler',
    '',
    'class Orders:',
    '    @functools.lru_cache(maxsize=None)',
    '    def lookup(self, order_id):',
    '        return order_id',
    '',
    'def totals(rows):',
    '    return sum([row.amount for row in rows])',
    '',
  ].join('\n'));
  writeFileSync(path.join(root, 'shop', 'report.py'), 'from shop.orders import totals\n\nprint(max([len(x) for x in ["é", "ü"]]))\n');
  for (let i = 0; i < 12; i++) writeFileSync(path.join(root, 'shop', `m${i}.py`), `rows = list(range(${i}))\nbest = min([r for r in rows])\n`);
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('CLI scale options', () => {
  it('--jobs changes nothing in the output', async () => {
    const one = await run(['.', '--format', 'json', '--jobs', '1']);
    const three = await run(['.', '--format', 'json', '--jobs', '3']);
    // Warnings alone exit 0 (only error-level findings fail the run); the output must not be empty.
    assert.equal(one.code, 0, one.stderr);
    const findings = (JSON.parse(one.stdout) as { files: { findings: unknown[] }[] }).files.flatMap((f) => f.findings);
    assert.ok(findings.length > 0, 'the corpus must produce findings for the comparison to mean anything');
    assert.equal(three.stdout, one.stdout);
  });

  it('--shard K/N --facts-out, then link, equals one unsharded run (SARIF)', async () => {
    const whole = await run(['.', '--format', 'sarif']);
    for (const k of [1, 2, 3]) {
      const shard = await run(['.', '--shard', `${k}/3`, '--facts-out', `facts-${k}.json`]);
      assert.equal(shard.code, 0, shard.stderr);
      assert.equal(shard.stdout, '');
      assert.match(shard.stderr, new RegExp(`shard ${k}/3: \\d+ files? analysed`));
    }
    const linked = await run(['link', 'facts-3.json', 'facts-1.json', 'facts-2.json', '--format', 'sarif']);
    assert.equal(linked.code, whole.code, linked.stderr);
    assert.equal(withoutClock(linked.stdout), withoutClock(whole.stdout));
    const missing = await run(['link', 'facts-1.json', 'facts-3.json']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /shard 2\/3 missing/);
  });

  it('--cache writes a tagged cache folder and reuses it', async () => {
    const first = await run(['.', '--format', 'json', '--cache', '--cache-location', '.cache-here']);
    const second = await run(['.', '--format', 'json', '--cache', '--cache-location', '.cache-here']);
    assert.equal(second.stdout, first.stdout);
    assert.match(readFileSync(path.join(root, '.cache-here', 'CACHEDIR.TAG'), 'utf8'), /^Signature: 8a477f597d28d172789f06886806bc55/);
  });

  for (const [args, message] of [
    [['--jobs', '0'], /--jobs must be a whole number/],
    [['--file-timeout', '-1'], /--file-timeout must be/],
    [['--shard', '1/2'], /--shard needs --facts-out/],
    [['--shard', '3/2', '--facts-out', 'x.json'], /--shard must be K\/N/],
    [['--facts-out', 'x.json', '--fix'], /--facts-out cannot be combined/],
    [['--facts-out', 'x.json', '--baseline', 'b.json'], /--facts-out cannot be combined/],
  ] as const) {
    it(`refuses ${args.join(' ')}`, async () => {
      const result = await run(['.', ...args]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, message);
    });
  }
});
