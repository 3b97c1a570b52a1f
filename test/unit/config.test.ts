// Configuration, selection and suppressions, end to end through lintText / lintFiles.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { resolveConfig, readConfigFile } from '../../src/engine/config/config.js';
import { ConfigError, lintFiles, lintText, rules } from '../../src/index.js';

const cached = (line = '    @functools.lru_cache(maxsize=8)') => `import functools\nclass A:\n${line}\n    def f(self):\n        return 1\n`;

describe('suppressions', () => {
  it('honours # noqa, # noqa: CODE and code prefixes on the finding line', async () => {
    for (const comment of ['# noqa', '# noqa: PSL202', '# NOQA:PSL2', '# noqa: PSL101, PSL202']) {
      const { findings } = await lintText(cached(`    @functools.lru_cache(maxsize=8)  ${comment}`));
      assert.equal(findings.length, 0, comment);
    }
  });
  it('keeps findings whose code is not listed', async () => {
    const { findings } = await lintText(cached('    @functools.lru_cache(maxsize=8)  # noqa: PSL101'));
    assert.equal(findings.length, 1);
  });
  it('honours a file-level pysparse-lint: noqa comment, with or without codes', async () => {
    assert.equal((await lintText(`# pysparse-lint: noqa\n${cached()}`)).findings.length, 0);
    assert.equal((await lintText(`# pysparse-lint: noqa: PSL202\n${cached()}`)).findings.length, 0);
    assert.equal((await lintText(`# pysparse-lint: noqa: PSL301\n${cached()}`)).findings.length, 1);
  });
  it('ignores noqa text inside strings', async () => {
    const { findings } = await lintText(cached('    @functools.lru_cache(maxsize=len("# noqa"))'));
    assert.equal(findings.length, 1);
  });
});

describe('configuration', () => {
  it('rejects unknown keys, codes and options with a message naming them', () => {
    assert.throws(() => resolveConfig(rules, { select: ['PSL999'] }), (e: unknown) => e instanceof ConfigError && /PSL999/.test(e.message));
    assert.throws(() => resolveConfig(rules, { rules: { PSL202: { color: 'red' } } }), (e: unknown) => e instanceof ConfigError && /color/.test(e.message));
    assert.throws(() => resolveConfig(rules, { rules: { PSL202: { severity: 'fatal' } } }), ConfigError);
    const dir = mkdtempSync(path.join(tmpdir(), 'psl-config-'));
    const file = path.join(dir, 'pyproject.toml');
    writeFileSync(file, '[tool.pysparse-lint]\nselekt = ["PSL2"]\n');
    assert.throws(() => readConfigFile(file), (e: unknown) => e instanceof ConfigError && /selekt/.test(e.message));
    writeFileSync(file, '[tool.pysparse-lint\n');
    assert.throws(() => readConfigFile(file), ConfigError);
  });
  it('selects by prefix and ignores by code; --ignore wins over select', () => {
    assert.deepEqual(resolveConfig(rules, { select: ['PSL2'] }).rules.map((r) => r.code).filter((c) => c === 'PSL202'), ['PSL202']);
    assert.equal(resolveConfig(rules, { select: ['PSL2'] }, { ignore: ['PSL202'] }).rules.some((r) => r.code === 'PSL202'), false);
  });
  it('reads [tool.pysparse-lint] from the nearest pyproject.toml: severity, per-file-ignores, exclude', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'psl-project-'));
    writeFileSync(path.join(dir, 'pyproject.toml'), [
      '[project]', 'name = "demo"', '', '[tool.pysparse-lint]', 'exclude = ["generated/**"]',
      '[tool.pysparse-lint.per-file-ignores]', '"tests/**" = ["PSL2"]', '[tool.pysparse-lint.rules.PSL202]', 'severity = "error"',
    ].join('\n'));
    for (const sub of ['app', 'tests', 'generated']) {
      mkdirSync(path.join(dir, sub));
      writeFileSync(path.join(dir, sub, 'mod.py'), cached());
    }
    const report = await lintFiles([], { cwd: dir });
    const findings = report.files.flatMap((f) => f.findings);
    assert.deepEqual(report.files.map((f) => f.file), ['app/mod.py', 'tests/mod.py']);
    assert.deepEqual(findings.map((f) => [f.file, f.ruleId, f.severity]), [['app/mod.py', 'PSL202', 'error']]);
  });
});

describe('file discovery', () => {
  it('skips virtualenvs and .gitignored files, but lints explicit files and reports missing paths', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'psl-discover-'));
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, '.gitignore'), 'ignored.py\n');
    for (const rel of ['a.py', 'ignored.py', '.venv/lib/x.py', 'node_modules/y.py', 'pkg/b.pyi']) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), 'x = 1\n');
    }
    const report = await lintFiles(['.', 'missing_dir'], { cwd: dir });
    assert.deepEqual(report.files.map((f) => f.file), ['a.py', 'pkg/b.pyi']);
    assert.deepEqual(report.notifications.map((n) => n.code), ['path-not-found']);
    const explicit = await lintFiles(['ignored.py'], { cwd: dir });
    assert.deepEqual(explicit.files.map((f) => f.file), ['ignored.py']);
  });
});
