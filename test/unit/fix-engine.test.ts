// The fix engine: conflicting and multi-file fixes, dropped syntax-breaking fixes, idempotence,
// and files written back in their own encoding, BOM and line endings.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from '../../src/engine/config/config.js';
import { lintFiles } from '../../src/index.js';
import { defineRule, type Rule } from '../../src/engine/run/rule.js';
import { lintProject } from '../../src/engine/run/lint-project.js';
import { writeFixedFile } from '../../src/engine/run/lint-files.js';
import { loadParser } from '../../src/engine/source/parser.js';

const docs = { whatItDoes: 'test', whyBad: 'test', example: 'x = 1', useInstead: 'x = 2' };
const base = { family: 'bulk-transform', severity: 'warning', precision: 'high', summary: 'test', options: {}, docs } as const;

/** A file rule that replaces every `old` in a file with `new` (one fix per occurrence). */
function replacing(code: string, old: string, replacement: string): Rule {
  return defineRule({
    ...base, code, name: `replace-${code.toLowerCase()}`, tier: 'file', fixable: 'always', messages: { m: 'found' },
    check(file, ctx) {
      for (let at = file.source.text.indexOf(old); at >= 0; at = file.source.text.indexOf(old, at + 1)) {
        ctx.report({ span: file.source.span(at, at + old.length), messageId: 'm', fix: { safety: 'safe', edits: [{ start: at, end: at + old.length, text: replacement }] } });
      }
    },
  });
}

async function run(rules: Rule[], files: Record<string, string>) {
  const parser = await loadParser();
  const config = resolveConfig(rules, {});
  const inputs = Object.entries(files).map(([p, text]) => ({
    path: p, absolutePath: `/virtual/${p}`, content: text, module: { path: p, name: p.replace(/\.py$/, ''), isPackageInit: false },
  }));
  return lintProject(parser, inputs, { root: '/virtual', config, fix: 'safe' }).report;
}

describe('fix engine', () => {
  it('applies overlapping fixes over several passes and converges', async () => {
    // Both rules edit the same token on one line: the second applies in a later pass (or no longer matches).
    const report = await run([replacing('TST001', 'aa', 'b'), replacing('TST002', 'a', 'c')], { 'm.py': 'x = "aaaa"\n' });
    const file = report.files[0]!;
    assert.equal(file.fixedSource, 'x = "bb"\n');
    assert.deepEqual(file.findings, []);
  });
  it('applies a fix that edits two files all together', async () => {
    const both = defineRule({
      ...base, code: 'TST003', name: 'two-files', tier: 'project', fixable: 'always', messages: { m: 'found' },
      check(project, ctx) {
        const a = project.files.get('a.py');
        if (!a || !a.functions.some((f) => f.name === 'old')) return;
        const fn = a.functions.find((f) => f.name === 'old')!;
        const call = project.files.get('b.py')!.calls.find((c) => c.calleeText === 'old')!;
        ctx.report({
          file: 'a.py', span: fn.nameSpan, messageId: 'm',
          fix: { safety: 'safe', edits: [
            { file: 'a.py', start: fn.nameSpan.start, end: fn.nameSpan.end, text: 'new' },
            { file: 'b.py', start: call.span.start, end: call.span.start + 3, text: 'new' },
          ] },
        });
      },
    });
    const report = await run([both], { 'a.py': 'def old():\n    return 1\n', 'b.py': 'from a import old\nold()\n' });
    assert.equal(report.files.find((f) => f.file === 'a.py')!.fixedSource, 'def new():\n    return 1\n');
    assert.equal(report.files.find((f) => f.file === 'b.py')!.fixedSource, 'from a import old\nnew()\n');
  });
  it('drops a fix that would add a syntax error, and says so', async () => {
    const report = await run([replacing('TST004', 'pass', 'pass)')], { 'm.py': 'def f():\n    pass\n' });
    assert.equal(report.files[0]!.fixedSource, undefined);
    assert.ok(report.notifications.some((n) => n.code === 'fix-dropped'), JSON.stringify(report.notifications));
  });
});

describe('--fix on disk', () => {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  it('is idempotent: a second --fix changes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'psl-idem-'));
    cpSync(path.join(repo, 'test/fix-runtime/safe/etl_orders.py'), path.join(dir, 'etl_orders.py'));
    const first = await lintFiles([], { cwd: dir, fix: 'safe', writeFixes: true });
    assert.ok(first.files[0]!.fixesApplied > 0);
    const once = readFileSync(path.join(dir, 'etl_orders.py'), 'utf8');
    const second = await lintFiles([], { cwd: dir, fix: 'safe', writeFixes: true });
    assert.equal(second.files[0]!.fixedSource, undefined);
    assert.equal(readFileSync(path.join(dir, 'etl_orders.py'), 'utf8'), once);
  });
  it('keeps latin-1, a BOM and CRLF line endings byte for byte outside the fix', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'psl-enc-'));
    const body = (list: boolean) => `# -*- coding: latin-1 -*-\r\n# caf\u00e9\r\ndef total(rows):\r\n    return sum(${list ? '[' : ''}r * 2 for r in rows${list ? ']' : ''})\r\n`;
    writeFileSync(path.join(dir, 'latin.py'), Buffer.from(body(true), 'latin1'));
    writeFileSync(path.join(dir, 'bom.py'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body(true).replace(/^# -\*- coding: latin-1 -\*-\r\n/, ''), 'utf8')]));
    await lintFiles([], { cwd: dir, fix: 'safe', writeFixes: true, select: ['PSL104'] });
    assert.deepEqual(readFileSync(path.join(dir, 'latin.py')), Buffer.from(body(false), 'latin1'));
    assert.deepEqual(readFileSync(path.join(dir, 'bom.py')),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body(false).replace(/^# -\*- coding: latin-1 -\*-\r\n/, ''), 'utf8')]));
  });
  it('does not overwrite a file that changed on disk since it was read', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'psl-stale-'));
    const file = path.join(dir, 'm.py');
    writeFileSync(file, 'x = 1\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const problem = writeFixedFile(file, 'x = 2\n', undefined, 0);
    assert.match(problem ?? '', /changed on disk/);
    assert.equal(readFileSync(file, 'utf8'), 'x = 1\n');
  });
});
