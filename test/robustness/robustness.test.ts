// Every input gets an answer and the run goes on: broken, binary, huge, deep, looping, vanishing
// and hanging files, in worker threads, in this thread (whose stack is the smaller) and from the CLI.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { resolveConfig } from '../../src/engine/config/config.js';
import { lintFiles, type LintFilesOptions } from '../../src/engine/run/lint-files.js';
import { lintProject } from '../../src/engine/run/lint-project.js';
import { moduleInfoFor } from '../../src/engine/run/module-name.js';
import { loadParser } from '../../src/engine/source/parser.js';
import type { LintReport, Notification } from '../../src/engine/types.js';
import { builtinRules } from '../../src/rules/index.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The pathological inputs, by file name, with the notification code each must get (or null: linted). */
const INPUTS: Record<string, { content: () => string | Buffer; expect: string | null }> = {
  'syntax_errors.py': { content: () => 'def load(path:\n    return [\nclass\nx = (1 +\nprint("unterminated)\n', expect: null },
  'nul_byte.py': { content: () => Buffer.from('rows = [1, 2]\x00\nprint(rows)\n'), expect: 'binary-file' },
  'binary_blob.py': { content: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), expect: 'binary-file' },
  'invalid_utf8.py': { content: () => Buffer.from([0x78, 0x20, 0x3d, 0x20, 0x22, 0xff, 0xfe, 0x80, 0x22, 0x0a]), expect: 'decode-error' },
  'unknown_cookie.py': { content: () => '# -*- coding: klingon -*-\nx = 1\n', expect: 'unknown-encoding' },
  'latin1_cookie.py': { content: () => Buffer.concat([Buffer.from('# coding: latin-1\ns = "'), Buffer.from([0xe9, 0xe8]), Buffer.from('"\ntotal = sum([len(c) for c in s])\n')]), expect: null },
  'empty.py': { content: () => '', expect: null },
  'only_comment.py': { content: () => '# nothing here', expect: null },
  'bom_crlf.py': { content: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('import json\r\nrows = json.loads("[]")\r\ntotal = sum([r for r in rows])\r\n')]), expect: null },
  'huge_50mb.py': { content: () => Buffer.alloc(50 * 1024 * 1024, 'value = [item for item in range(10)]\n'), expect: 'file-too-large' },
  'brackets_10000.py': { content: () => `x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\n`, expect: null },
  'lists_10000.py': { content: () => `x = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, expect: null },
  'calls_3000.py': { content: () => `total = ${'sum(list('.repeat(1500)}rows${'))'.repeat(1500)}\n`, expect: null },
  'ifs_2000.py': {
    content: () => `${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}if flag_${i}:`).join('\n')}\n${' '.repeat(2000)}rows = [r for r in data]\n`,
    expect: null,
  },
  'defs_1000.py': {
    content: () => `${Array.from({ length: 1000 }, (_, i) => `${'    '.repeat(i)}def f${i}(rows):`).join('\n')}\n${'    '.repeat(1000)}return [r for r in rows]\n`,
    expect: null,
  },
  'binary_ops_20000.py': { content: () => `x = ${Array.from({ length: 20_000 }, (_, i) => `a${i}`).join(' + ')}\n`, expect: null },
  'attributes_20000.py': { content: () => `x = root${'.child'.repeat(20_000)}\n`, expect: null },
  'elif_5000.py': { content: () => `if a == 0:\n    pass\n${Array.from({ length: 5000 }, (_, i) => `elif a == ${i + 1}:\n    rows.append(${i})\n`).join('')}`, expect: null },
  'long_line.py': { content: () => `data = "${'x'.repeat(3_000_000)}"\nsize = len(list(data))\n`, expect: null },
  'many_lines.py': { content: () => Array.from({ length: 5_000 }, (_, i) => `v${i} = sum([x for x in range(${i % 7})])`).join('\n'), expect: null },
};

let dir: string;
const removals: string[] = [];
const all = { catalogue: builtinRules, config: { select: ['ALL'] } } as const;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pysparse-robust-'));
  removals.push(dir);
  for (const [name, input] of Object.entries(INPUTS)) writeFileSync(path.join(dir, name), input.content());
  // Loops and dead ends: discovery must neither follow nor hang on them.
  mkdirSync(path.join(dir, 'loop'));
  symlinkSync('..', path.join(dir, 'loop', 'up'));
  symlinkSync('b_link.py', path.join(dir, 'a_link.py'));
  symlinkSync('a_link.py', path.join(dir, 'b_link.py'));
  symlinkSync('missing_target.py', path.join(dir, 'dangling.py'));
  // Unreadable as a normal user (root reads anything: then these are simply linted).
  mkdirSync(path.join(dir, 'locked'));
  writeFileSync(path.join(dir, 'locked', 'inside.py'), 'x = 1\n');
  writeFileSync(path.join(dir, 'no_read.py'), 'x = 1\n');
  chmodSync(path.join(dir, 'no_read.py'), 0o000);
  chmodSync(path.join(dir, 'locked'), 0o000);
});
after(() => {
  for (const d of removals) {
    try { chmodSync(path.join(d, 'locked'), 0o755); } catch { /* not this folder */ }
    rmSync(d, { recursive: true, force: true });
  }
});

function internalErrors(notifications: readonly Notification[]): string[] {
  return notifications.filter((n) => n.code === 'internal-error').map((n) => n.message);
}

/** Each input must be linted (a FileResult) or skipped with its expected notification. */
function checkAnswers(report: LintReport): void {
  for (const [name, input] of Object.entries(INPUTS)) {
    const result = report.files.find((f) => f.file === name);
    const notes = report.notifications.filter((n) => n.file === name).map((n) => n.code);
    assert.ok(result, `${name} has no result`);
    if (input.expect) assert.ok(notes.includes(input.expect), `${name}: expected ${input.expect}, got ${notes.join(', ') || 'nothing'}`);
  }
  assert.ok(report.files.some((f) => f.file === 'syntax_errors.py' && f.findings.some((x) => x.ruleId === 'syntax-error')));
}

describe('hostile inputs', () => {
  it('all get an answer in worker threads, with fixes, and no internal error', async () => {
    const report = await lintFiles(['.'], { ...all, cwd: dir, jobs: 2, fix: 'unsafe' });
    checkAnswers(report);
    assert.deepEqual(internalErrors(report.notifications), []);
  });

  it('all get an answer in this thread (the smaller stack), with fixes, and no internal error', async () => {
    const parser = await loadParser();
    const config = resolveConfig(builtinRules, { select: ['ALL'] });
    const errors: string[] = [];
    for (const name of Object.keys(INPUTS)) {
      const absolutePath = path.join(dir, name);
      const { report } = lintProject(parser, [{ path: name, absolutePath, content: readFileSync(absolutePath), module: moduleInfoFor(absolutePath, name) }], {
        root: dir, config, fix: 'unsafe',
      });
      errors.push(...internalErrors(report.notifications));
    }
    assert.deepEqual(errors, []);
  });

  it('all get an answer from the built CLI (dist/, its worker script), exit code 0 or 1', async () => {
    const { code, stderr } = await runCli([dir, '--select', 'ALL', '--format', 'json', '--jobs', '2', '--no-progress']);
    assert.ok(code === 0 || code === 1, `exit ${code}: ${stderr}`);
    assert.doesNotMatch(stderr, /internal[- ]error/);
  });

  it('an explicit path that loops or is missing is a notification, not a crash', async () => {
    const report = await lintFiles(['a_link.py', 'dangling.py', 'not_there.py', 'empty.py'], { ...all, cwd: dir, jobs: 1 });
    assert.deepEqual(report.files.map((f) => f.file), ['empty.py']);
    assert.equal(report.notifications.filter((n) => n.code === 'path-not-found').length, 3);
  });
});

describe('files that vanish, hang or kill their worker', () => {
  it('a file deleted during the run is reported and the run completes', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'pysparse-vanish-'));
    removals.push(project);
    for (let i = 0; i < 40; i++) writeFileSync(path.join(project, `mod_${String(i).padStart(2, '0')}.py`), `rows = [r for r in range(${i})]\n`.repeat(40 - i));
    writeFileSync(path.join(project, 'zz_last.py'), '\n'); // the smallest: handed out last
    let deleted = false;
    const report = await lintFiles(['.'], {
      ...all, cwd: project, jobs: 2,
      onProgress: () => {
        if (!deleted) unlinkSync(path.join(project, 'zz_last.py'));
        deleted = true;
      },
    });
    assert.ok(report.notifications.some((n) => n.code === 'unreadable-file' && n.file === 'zz_last.py'), JSON.stringify(report.notifications));
    assert.equal(report.files.length, 40);
  });

  it('a file over the time budget is reported and skipped, its worker replaced; one that kills its worker too', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'pysparse-hang-'));
    removals.push(project);
    // A plugin rule that never returns on one file and ends its thread on another.
    writeFileSync(path.join(project, 'hazards.mjs'), `export const rules = [{
      code: 'TST901', name: 'hazard', family: 'bulk-transform', tier: 'file', severity: 'warning', fixable: 'never',
      precision: 'low', summary: 'Test hazard', messages: { m: 'm' }, options: {},
      docs: { whatItDoes: 'x', whyBad: 'x', example: 'x', useInstead: 'x' },
      check(file) {
        if (file.source.text.includes('# hang')) for (;;) {}
        if (file.source.text.includes('# die')) process.exit(3);
      },
    }];\n`);
    for (let i = 0; i < 6; i++) writeFileSync(path.join(project, `ok_${i}.py`), `total = sum([x for x in range(${i})])\n`);
    // The biggest files are handed out first: these two, so that others wait queued behind them.
    const padding = '# padding\n'.repeat(50);
    writeFileSync(path.join(project, 'hangs.py'), `x = 1  # hang\n${padding}${padding}`);
    writeFileSync(path.join(project, 'dies.py'), `x = 1  # die\n${padding}`);
    const options: LintFilesOptions = {
      catalogue: builtinRules, cwd: project, config: { plugins: ['./hazards.mjs'], 'extend-select': ['TST901'] }, jobs: 2, fileTimeoutMs: 3000,
    };
    const { Linter } = await import('../../src/index.js');
    const catalogue = await new Linter().catalogue({ cwd: project, config: options.config! });
    const report = await lintFiles(['.'], { ...options, catalogue });
    const byFile = (file: string) => report.notifications.filter((n) => n.file === file).map((n) => n.code);
    assert.deepEqual(byFile('hangs.py'), ['file-timeout']);
    assert.deepEqual(byFile('dies.py'), ['internal-error']);
    for (let i = 0; i < 6; i++) {
      const result = report.files.find((f) => f.file === `ok_${i}.py`);
      assert.ok(result, `ok_${i}.py was analysed`);
      assert.deepEqual(byFile(`ok_${i}.py`), []);
    }
  });
});

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repo, 'dist', 'cli', 'main.js'), ...args], { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 2) : 0, stdout, stderr });
    });
  });
}
