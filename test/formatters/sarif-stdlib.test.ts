// The CLI's SARIF on part of the real standard library must pass the shared checker, strictly.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHECKER = path.resolve(repo, '../shared/sarif/check-sarif.mjs');
const stdlib = execFileSync('python3', ['-c', "import sysconfig;print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();

describe('SARIF on the standard library', () => {
  it('json, email, logging and asyncio: 0 problems in strict mode with --python-parse', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'psl-stdlib-sarif-')), 'run.sarif');
    const cli = spawnSync(process.execPath, [path.join(repo, 'dist/cli/main.js'), 'json', 'email', 'logging', 'asyncio', '--format', 'sarif', '--output', out], { cwd: stdlib, encoding: 'utf8' });
    assert.ok(cli.status === 0 || cli.status === 1, `CLI exit ${cli.status}: ${cli.stderr}`);
    const check = spawnSync(process.execPath, [CHECKER, out, '--source-root', stdlib, '--strict', '--python-parse'], { encoding: 'utf8' });
    assert.match(check.stdout, /sarif-check: 0 problems/, check.stdout + check.stderr);
  });
});
