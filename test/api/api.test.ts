// The public API as a consumer sees it: lintText, lintFiles, Linter, loadConfig, formatResults, errors.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as api from '../../src/index.js';
import { ConfigError, FORMAT_NAMES, formatResults, Linter, lintFiles, lintText, loadConfig, PysparseError, rules, version } from '../../src/index.js';

const cached = 'import functools\n\nclass Report:\n    @functools.lru_cache(maxsize=None)\n    def total(self, column):\n        return column\n';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'psl-api-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('lintText', () => {
  it('returns findings with 1-based positions and the rule id', async () => {
    const { findings, output, fixesApplied } = await lintText(cached, { filePath: 'reports/report.py', config: { select: ['PSL202'] } });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.file, f.span.startLine, f.span.startColumn]), [['PSL202', 'reports/report.py', 4, 5]]);
    assert.equal(output, cached);
    assert.equal(fixesApplied, 0);
  });
  it('honours config given as data and returns fixed text only when asked', async () => {
    assert.equal((await lintText(cached, { config: { ignore: ['PSL2'] } })).findings.length, 0);
    const stale = 'rows = load()  # noqa: PSL202\n';
    const result = await lintText(stale, { config: { select: ['PSL001'] }, fix: true });
    assert.equal(result.output, 'rows = load()\n');
    assert.equal(result.fixesApplied, 1);
    assert.equal(result.findings.length, 0);
  });
  it('reports a Python syntax error as a finding, not an exception', async () => {
    const { findings } = await lintText('def broken(:\n    pass\n');
    assert.deepEqual(findings.map((f) => f.ruleId), ['syntax-error']);
  });
  it('throws a typed ConfigError for unknown codes, keys and options', async () => {
    await assert.rejects(lintText('x = 1\n', { config: { select: ['PSL999'] } }), (e: unknown) => e instanceof ConfigError && e instanceof PysparseError && e.code === 'PSL_CONFIG_INVALID' && e.exitCode === 2);
    await assert.rejects(lintText('x = 1\n', { config: { rules: { PSL202: { colour: 'red' } } } }), ConfigError);
  });
});

describe('lintFiles and Linter', () => {
  it('lints a folder with its pyproject config, project-level findings included, and carries the rules', async () => {
    const dir = project({
      'pyproject.toml': '[tool.pysparse-lint]\nselect = ["PSL001", "PSL202"]\n\n[tool.pysparse-lint.rules.PSL202]\nseverity = "error"\n',
      'app/__init__.py': '',
      'app/report.py': cached,
      'app/clean.py': 'def clean(rows):\n    return rows  # noqa: PSL202\n',
    });
    const report = await lintFiles(['.'], { cwd: dir });
    assert.deepEqual(report.files.map((f) => f.file), ['app/__init__.py', 'app/clean.py', 'app/report.py']);
    assert.deepEqual(report.files.flatMap((f) => f.findings).map((f) => `${f.file}:${f.span.startLine} ${f.ruleId} ${f.severity}`), [
      'app/clean.py:2 PSL001 warning',
      'app/report.py:4 PSL202 error',
    ]);
    assert.equal(report.rules, rules, 'no plugins: the built-in catalogue');
    assert.deepEqual(loadConfig(path.join(dir, 'app')), { select: ['PSL001', 'PSL202'], rules: { PSL202: { severity: 'error' } } });
  });
  it('keeps one parser across calls and accepts its own rule list', async () => {
    const linter = new Linter({ rules: rules.filter((r) => r.code === 'PSL202') });
    for (let i = 0; i < 3; i++) assert.equal((await linter.lintText(cached)).findings.length, 1);
    assert.deepEqual(linter.rules.map((r) => r.code), ['PSL202']);
    assert.equal(new Linter().rules, rules);
    await assert.rejects(linter.lintText('x = 1\n', { config: { select: ['PSL104'] } }), ConfigError);
  });
  it('never writes files unless writeFixes is set', async () => {
    const dir = project({ 'a.py': 'x = compute()  # noqa: PSL202\n' });
    const report = await lintFiles(['a.py'], { cwd: dir, select: ['PSL001'], fix: 'safe' });
    assert.equal(report.files[0]!.fixedSource, 'x = compute()\n');
    assert.equal(readFileSync(path.join(dir, 'a.py'), 'utf8'), 'x = compute()  # noqa: PSL202\n');
    await lintFiles(['a.py'], { cwd: dir, select: ['PSL001'], fix: 'safe', writeFixes: true });
    assert.equal(readFileSync(path.join(dir, 'a.py'), 'utf8'), 'x = compute()\n');
  });
});

describe('formatResults', () => {
  it('renders every format from lintFiles results', async () => {
    const dir = project({ 'report.py': cached });
    const report = await lintFiles(['.'], { cwd: dir, select: ['PSL202'] });
    for (const format of FORMAT_NAMES) {
      const text = formatResults(report, format);
      assert.ok(text.length > 0, format);
    }
    assert.match(formatResults(report, 'concise'), /report\.py:4:5: PSL202/);
    const sarif = JSON.parse(formatResults(report, 'sarif')) as { runs: { tool: { driver: { semanticVersion: string } } }[] };
    assert.equal(sarif.runs[0]!.tool.driver.semanticVersion, version);
  });
});

describe('the package surface', () => {
  it('exports the documented names', () => {
    for (const name of ['lintText', 'lintFiles', 'Linter', 'loadConfig', 'formatResults', 'rules', 'defineRule', 'RuleTester',
      'ConfigError', 'ParseError', 'PluginError', 'UsageError', 'RuleCrashError', 'PysparseError', 'createBaseline', 'applyBaseline',
      'readBaseline', 'writeBaseline', 'addNoqaComments', 'renderRuleDocs', 'explainRule', 'FORMAT_NAMES', 'version']) {
      assert.ok(name in api, `src/index.ts exports ${name}`);
    }
    assert.ok(Object.isFrozen(rules));
  });
  it('has no process.exit or console output in the library', () => {
    const src = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
    const offenders: string[] = [];
    const stack = [src];
    while (stack.length) {
      const dir = stack.pop()!;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'cli') stack.push(full);
        } else if (entry.name.endsWith('.ts') && /process\.exit\(|console\.(log|error|warn)\(/.test(readFileSync(full, 'utf8'))) {
          offenders.push(path.relative(src, full));
        }
      }
    }
    assert.deepEqual(offenders, []);
  });
});
