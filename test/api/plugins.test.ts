// Plugins: rules loaded through `plugins` in the config report and fix like built-in rules.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError, formatResults, Linter, lintFiles, lintText, PluginError, rules } from '../../src/index.js';
import { resolvePlugin } from '../../src/engine/plugins.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, 'fixtures', 'plugin-project');
const cli = path.join(here, '..', '..', 'src', 'cli', 'main.ts');
/** tsx, resolved from this repo: the CLI runs from its TypeScript source in folders without node_modules. */
const tsx = import.meta.resolve('tsx');

function copyFixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'psl-plugin-'));
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'psl-plugin-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const VALID_RULE = `{
  code: 'TEAM101', name: 'no-big-reads', family: 'bulk-transform', tier: 'file', severity: 'warning',
  fixable: 'never', precision: 'high', summary: 'Reads a whole file', messages: { m: 'whole read' }, options: {},
  docs: { whatItDoes: 'w', whyBad: 'w', example: 'e', useInstead: 'u' },
  check(file, ctx) { for (const c of file.facts.calls) if (c.calleeText.endsWith('.read')) ctx.report({ span: c.span, messageId: 'm' }); },
}`;

describe('plugins from the config', () => {
  it('loads a path plugin relative to the config file, reports with its severity and options', async () => {
    const report = await lintFiles(['.'], { cwd: fixture });
    const found = report.files.flatMap((f) => f.findings).map((f) => `${f.file}:${f.span.startLine} ${f.ruleId} ${f.severity}`);
    assert.deepEqual(found, [
      'app/settings_loader.py:10 ACME101 error',
      'app/settings_loader.py:14 ACME102 info',
    ]);
    assert.ok(report.rules.some((r) => r.code === 'ACME102'), 'the results carry the plugin rules');
    assert.equal(report.notifications.length, 0);
  });

  it('runs from a sub-folder: the config, not the cwd, anchors the plugin path', async () => {
    const report = await lintFiles(['.'], { cwd: path.join(fixture, 'app') });
    assert.deepEqual(report.files.flatMap((f) => f.findings).map((f) => f.ruleId), ['ACME101', 'ACME102']);
  });

  it('fixes through the API without touching disk', async () => {
    const report = await lintFiles(['app/settings_loader.py'], { cwd: fixture, fix: 'safe' });
    const file = report.files[0]!;
    assert.equal(file.fixesApplied, 1);
    assert.match(file.fixedSource!, /return json\.load\(fh\)\n/);
    assert.match(readFileSync(path.join(fixture, 'app/settings_loader.py'), 'utf8'), /json\.loads\(fh\.read\(\)\)/);
  });

  it('reports, explains, formats and fixes from the CLI', () => {
    const dir = copyFixture();
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', tsx, cli, ...args], { cwd: dir, encoding: 'utf8' });
    const lint = run('--format', 'concise');
    assert.equal(lint.status, 1, lint.stderr);
    assert.match(lint.stdout, /app\/settings_loader\.py:10:16: ACME101/);
    const sarif = JSON.parse(run('--format', 'sarif').stdout) as { runs: { tool: { driver: { rules: { id: string }[] } } }[] };
    assert.ok(sarif.runs[0]!.tool.driver.rules.some((r) => r.id === 'ACME101'), 'SARIF describes the plugin rule');
    assert.match(run('--explain', 'ACME101').stdout, /# json-loads-of-read \(ACME101\)/);
    assert.match(run('--list-rules').stdout, /ACME102 +read-csv-without-chunks/);
    const fix = run('--fix');
    assert.equal(fix.status, 0, fix.stderr); // the error-level ACME101 is fixed; ACME102 (info) stays
    assert.match(fix.stderr, /1 info, 1 fixed/);
    assert.match(readFileSync(path.join(dir, 'app/settings_loader.py'), 'utf8'), /return json\.load\(fh\)\n/);
    const after = run('--format', 'concise', '--select', 'ACME101');
    assert.equal(after.status, 0, after.stdout);
  });

  it('lintText resolves config.plugins from options.cwd', async () => {
    const { findings, output } = await lintText('import json\n\ndef f(fh):\n    return json.loads(fh.read())\n', {
      cwd: fixture, config: { plugins: ['./tools/memory_rules.mjs'], select: ['ACME'] }, fix: true,
    });
    assert.deepEqual(findings.map((f) => f.ruleId), []);
    assert.match(output, /json\.load\(fh\)/);
  });

  it('formatResults renders plugin rules from the results', async () => {
    const report = await lintFiles(['.'], { cwd: fixture });
    const sarif = JSON.parse(formatResults(report, 'sarif')) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } } }[] };
    const described = sarif.runs[0]!.tool.driver.rules;
    assert.deepEqual(described.map((r) => r.id).filter((id) => id.startsWith('ACME')), ['ACME101', 'ACME102']);
    // A plugin rule's help link is its own page, or none: never a missing page of pysparse-lint's docs.
    assert.equal(described.find((r) => r.id === 'ACME101')!.helpUri, 'https://wiki.acme.example/python-memory/ACME101');
    assert.equal(described.find((r) => r.id === 'ACME102')!.helpUri, undefined);
    assert.match(described.find((r) => r.id === 'PSL202')!.helpUri!, /docs\/rules\/PSL202\.md$/);
    assert.match(formatResults(report, 'concise'), /ACME102/);
  });
});

describe('plugin errors', () => {
  it('names both owners when a plugin code collides with a built-in rule', async () => {
    const dir = tempProject({
      'pyproject.toml': '[tool.pysparse-lint]\nplugins = ["./rules.mjs"]\n',
      'rules.mjs': `export default [{ ...${VALID_RULE}, code: 'PSL202' }];\n`,
      'a.py': 'x = 1\n',
    });
    await assert.rejects(lintFiles(['.'], { cwd: dir }), (e: unknown) =>
      e instanceof PluginError && /PSL202/.test(e.message) && /\.\/rules\.mjs/.test(e.message) && /built-in/.test(e.message)
      && /method-cache-holds-self/.test(e.message) && /no-big-reads/.test(e.message));
  });

  it('names both plugins when two plugins define one code', async () => {
    const dir = tempProject({
      'pyproject.toml': '[tool.pysparse-lint]\nplugins = ["./one.mjs", "./two.mjs"]\n',
      'one.mjs': `export const rules = [${VALID_RULE}];\n`,
      'two.mjs': `export default { rules: [${VALID_RULE}] };\n`,
      'a.py': 'x = 1\n',
    });
    await assert.rejects(lintFiles(['.'], { cwd: dir }), (e: unknown) =>
      e instanceof PluginError && /one\.mjs/.test(e.message) && /two\.mjs/.test(e.message) && /TEAM101/.test(e.message));
  });

  it('lists what an invalid rule lacks, and fails on missing or broken modules', async () => {
    const dir = tempProject({
      'bad.mjs': "export const rules = [{ code: 'team1', name: 'Bad Name', check: 1 }];\n",
      'none.mjs': 'export const something = 1;\n',
      'throws.mjs': "throw new Error('boom at import');\n",
    });
    const linter = new Linter();
    const attempt = (plugin: string) => linter.lintText('x = 1\n', { cwd: dir, config: { plugins: [plugin] } });
    await assert.rejects(attempt('./bad.mjs'), (e: unknown) => e instanceof PluginError && /'code'/.test(e.message) && /'name'/.test(e.message)
      && /'docs'/.test(e.message) && /'check'/.test(e.message));
    await assert.rejects(attempt('./none.mjs'), (e: unknown) => e instanceof PluginError && /exports no rules/.test(e.message));
    await assert.rejects(attempt('./throws.mjs'), (e: unknown) => e instanceof PluginError && /boom at import/.test(e.message));
    await assert.rejects(attempt('./missing.mjs'), (e: unknown) => e instanceof PluginError && /not found/.test(e.message));
    await assert.rejects(attempt('pysparse-lint-plugin-that-does-not-exist'), (e: unknown) => e instanceof PluginError && /not found/.test(e.message) && /npm install/.test(e.hint ?? ''));
  });

  it('rejects a non-list plugins key as a ConfigError', async () => {
    const dir = tempProject({ 'pyproject.toml': '[tool.pysparse-lint]\nplugins = "./rules.mjs"\n', 'a.py': 'x = 1\n' });
    await assert.rejects(lintFiles(['.'], { cwd: dir }), ConfigError);
  });
});

describe('plugin packages', () => {
  it('resolves an ESM-only package (exports: import) from the config folder, and a CommonJS one', async () => {
    const rule = VALID_RULE;
    const dir = tempProject({
      'node_modules/pysparse-lint-plugin-esm/package.json': JSON.stringify({ name: 'pysparse-lint-plugin-esm', type: 'module', exports: { '.': { import: './lib/index.js' } } }),
      'node_modules/pysparse-lint-plugin-esm/lib/index.js': `export const rules = [${rule}];\n`,
      'node_modules/@acme/pysparse-rules/package.json': JSON.stringify({ name: '@acme/pysparse-rules', main: 'index.cjs' }),
      'node_modules/@acme/pysparse-rules/index.cjs': `module.exports = { rules: [{ ...${rule}, code: 'TEAM201' }] };\n`,
      'project/pyproject.toml': '[tool.pysparse-lint]\nplugins = ["pysparse-lint-plugin-esm", "@acme/pysparse-rules"]\n',
      'project/job.py': 'def run(fh):\n    return fh.read()\n',
    });
    assert.equal(resolvePlugin('pysparse-lint-plugin-esm', path.join(dir, 'project')), path.join(dir, 'node_modules/pysparse-lint-plugin-esm/lib/index.js'));
    const report = await lintFiles(['.'], { cwd: path.join(dir, 'project') });
    assert.deepEqual(report.files.flatMap((f) => f.findings).map((f) => f.ruleId), ['TEAM101', 'TEAM201']);
    const listed = execFileSync(process.execPath, ['--import', tsx, cli, '--list-rules'], { cwd: path.join(dir, 'project'), encoding: 'utf8' });
    assert.match(listed, /TEAM201/);
  });

  it('keeps the built-in catalogue untouched', () => {
    assert.ok(!rules.some((r) => r.code.startsWith('ACME') || r.code.startsWith('TEAM')));
  });
});
