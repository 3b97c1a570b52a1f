// SARIF from a real run (not a hand-built report) over awkward files, checked in strict mode.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatReport, lintFiles, rules } from '../../src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CHECKER = path.resolve(here, '../../../shared/sarif/check-sarif.mjs');

const cachedMethod = (eol: string, prefix = '') =>
  [`${prefix}import functools`, 'class Report:  # «résumé» 😀', '    @functools.lru_cache(maxsize=None)', '    def total(self, col):', '        return col', ''].join(eol);

describe('SARIF of a real run', () => {
  it('passes the checker with BOM, CRLF, latin-1, non-ASCII, a syntax error and an unreadable file', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'psl-sarif-run-'));
    writeFileSync(path.join(root, 'bom.py'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(cachedMethod('\n'))]));
    writeFileSync(path.join(root, 'crlf.py'), cachedMethod('\r\n'));
    writeFileSync(path.join(root, 'latin.py'), Buffer.from(`# -*- coding: latin-1 -*-\n${cachedMethod('\n').replace(/«résumé» 😀/, 'caf\u00e9')}`, 'latin1'));
    // A BOM before a finding on line 1: SARIF consumers count U+FEFF as a character there.
    writeFileSync(path.join(root, 'broken.py'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('def f(:\n    pass\n')]));
    symlinkSync(path.join(root, 'missing-target.py'), path.join(root, 'dangling.py'));
    const report = await lintFiles(['.', 'dangling.py'], { cwd: root });
    const byFile = Object.fromEntries(report.files.map((f) => [f.file, f.findings.map((x) => x.ruleId)]));
    for (const file of ['bom.py', 'crlf.py', 'latin.py']) assert.ok(byFile[file]?.includes('PSL202'), `${file}: ${JSON.stringify(byFile[file])}`);
    assert.deepEqual(byFile['broken.py'], ['syntax-error']);
    assert.ok(report.notifications.some((n) => n.level === 'error' && n.file === 'dangling.py'), JSON.stringify(report.notifications));

    const out = path.join(root, 'out.sarif');
    writeFileSync(out, formatReport(report, rules, 'sarif', { toolVersion: '0.1.0' }));
    const run = spawnSync(process.execPath, [CHECKER, out, '--source-root', root, '--strict', '--python-parse'], { encoding: 'utf8' });
    assert.match(run.stdout, /sarif-check: 0 problems/, run.stdout + run.stderr);
  });
});
