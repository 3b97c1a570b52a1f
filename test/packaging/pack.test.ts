// The packed tarball as users get it: only what it needs, installs offline, runs via npx,
// imports from plain Node ESM, type-checks from TypeScript, and loads a plugin that imports it.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const tsc = path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
const quiet = { encoding: 'utf8' as const, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } };

const SERVICE = [
  '"""Price lookups — Preise für Händler."""',
  'import functools',
  'import json',
  '',
  '',
  'class PriceService:',
  '    def __init__(self, catalogue):',
  '        self.catalogue = catalogue',
  '',
  '    @functools.lru_cache(maxsize=256)',
  '    def price_for(self, sku):',
  '        return self.catalogue[sku]',
  '',
  '',
  'def load(fh):',
  '    return json.loads(fh.read())',
  '',
].join('\n');

const TEAM_RULES = `// A team plugin that imports the installed package's API.
import { defineRule } from 'pysparse-lint';

export const rules = [defineRule({
  meta: {
    code: 'TEAM101', name: 'json-loads-of-read', family: 'bulk-transform', tier: 'file', severity: 'error',
    fixable: 'always', precision: 'high', summary: 'json.loads(f.read()) holds the whole text',
    messages: { loadsRead: 'json.loads({arg}) reads the whole file first' }, fixTitle: 'Use json.load', options: {},
    docs: { whatItDoes: 'w', whyBad: 'w', example: 'json.loads(fh.read())', useInstead: 'json.load(fh)' },
  },
  create(context) {
    return {
      file(file) {
        for (const call of file.facts.calls) {
          const read = call.qualifiedName === 'json.loads' && call.args.length === 1 ? /^(\\w+)\\.read\\(\\)$/.exec(call.args[0].text) : null;
          if (!read) continue;
          context.report({
            span: call.span, messageId: 'loadsRead', data: { arg: call.args[0].text },
            fix: { safety: 'safe', edits: [{ start: call.span.start, end: call.span.end, text: 'json.load(' + read[1] + ')' }] },
          });
        }
      },
    };
  },
})];
`;

const CONSUMER_TS = `import {
  defineRule, formatResults, Linter, lintFiles, lintText, loadConfig, RuleTester, rules, ConfigError, PluginError,
  type Finding, type LintResults, type Rule, type UserConfig,
} from 'pysparse-lint';

const rule: Rule = defineRule({
  code: 'TEAM201', name: 'no-read-all', family: 'bulk-transform', tier: 'file', severity: 'warning', fixable: 'never',
  precision: 'high', summary: 'Reads everything', messages: { readAll: '{callee} reads everything' }, options: {
    limit: { type: 'number', default: 10, description: 'How many.' },
  },
  docs: { whatItDoes: 'w', whyBad: 'w', example: 'e', useInstead: 'u' },
  check(file, ctx) {
    const limit: number = ctx.options.limit;
    for (const call of file.facts.calls) {
      if (call.calleeText.endsWith('.readlines') && limit > 0) ctx.report({ span: call.span, messageId: 'readAll', data: { callee: call.calleeText } });
    }
  },
});

const config: UserConfig = { select: ['PSL2'], plugins: ['./rules/team.mjs'] };
const linter = new Linter({ rules: [...rules, rule] });
const text = await lintText('x = 1\\n', { config: { select: ['PSL202'] } });
const findings: readonly Finding[] = text.findings;
const results: LintResults = await lintFiles(['.'], { cwd: '.', fix: 'safe' });
const output: string = formatResults(results, 'sarif');
const tester = new RuleTester();
tester.run(rule, { valid: ['x = 1\\n'], invalid: [{ code: 'f.readlines()\\n', errors: [{ messageId: 'readAll', line: 1 }] }] });
export { config, linter, findings, output, loadConfig, ConfigError, PluginError };
`;

describe('the packed package', { timeout: 120_000 }, () => {
  let work = '';
  let tarball = '';
  let app = '';

  before(() => {
    assert.ok(existsSync(path.join(repo, 'dist', 'index.js')) && existsSync(path.join(repo, 'dist', 'cli', 'main.js')),
      'dist/ is missing: run `npm run build` first (`npm test` does)');
    work = mkdtempSync(path.join(tmpdir(), 'psl-pack-'));
    const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { ...quiet, cwd: repo })) as { filename: string }[];
    tarball = path.join(work, packed[0]!.filename);
    app = path.join(work, 'app');
    mkdirSync(path.join(app, 'rules'), { recursive: true });
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    // Offline: every dependency is in the npm cache, because this machine installed them.
    execFileSync(npm, ['install', tarball, '--offline', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], { ...quiet, cwd: app });
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds only what it needs', () => {
    const list = execFileSync('tar', ['-tzf', tarball], quiet).split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    for (const needed of ['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'docs/rules/README.md', 'docs/rules/PSL202.md']) {
      assert.ok(list.includes(needed), `${needed} is in the tarball`);
    }
    const unwanted = list.filter((f) => /^(src|test|scripts|bench|node_modules|\.ci)\//.test(f) || f.endsWith('.map') || f.endsWith('.ts') && !f.endsWith('.d.ts') || /\.py$/.test(f));
    assert.deepEqual(unwanted, []);
  });

  it('runs from npx on a Python file, with exit code 1 for an error-level finding', () => {
    writeFileSync(path.join(app, 'service.py'), SERVICE);
    writeFileSync(path.join(app, 'pyproject.toml'), '[tool.pysparse-lint]\nselect = ["PSL202"]\n\n[tool.pysparse-lint.rules.PSL202]\nseverity = "error"\n');
    const run = spawnSync(npx, ['--offline', 'pysparse-lint', 'service.py', '--format', 'concise'], { ...quiet, cwd: app });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /service\.py:10:5: PSL202/);
    const version = spawnSync(npx, ['--offline', 'pysparse-lint', '--version'], { ...quiet, cwd: app });
    assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string }).version);
    const explain = spawnSync(npx, ['--offline', 'pysparse-lint', '--explain', 'PSL202'], { ...quiet, cwd: app });
    assert.match(explain.stdout, /^# method-cache-holds-self \(PSL202\)\n/);
  });

  it('imports from plain Node ESM', () => {
    const script = [
      "import { lintText, rules, Linter, formatResults, version } from 'pysparse-lint';",
      "const { findings } = await lintText(process.argv[1], { config: { select: ['PSL202'] } });",
      "console.log(JSON.stringify({ codes: findings.map((f) => f.ruleId), rules: rules.length > 0, linter: typeof Linter, format: typeof formatResults, version }));",
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, SERVICE], { ...quiet, cwd: app });
    const parsed = JSON.parse(out) as { codes: string[]; rules: boolean; linter: string; format: string; version: string };
    assert.deepEqual(parsed.codes, ['PSL202']);
    assert.equal(parsed.rules && parsed.linter === 'function' && parsed.format === 'function', true);
  });

  it('loads and fixes with a plugin that imports the installed package', () => {
    writeFileSync(path.join(app, 'rules', 'team.mjs'), TEAM_RULES);
    writeFileSync(path.join(app, 'pyproject.toml'), '[tool.pysparse-lint]\nselect = ["TEAM"]\nplugins = ["./rules/team.mjs"]\n');
    const lint = spawnSync(npx, ['--offline', 'pysparse-lint', '--format', 'concise'], { ...quiet, cwd: app });
    assert.equal(lint.status, 1, lint.stderr);
    assert.match(lint.stdout, /service\.py:16:12: TEAM101/);
    const fix = spawnSync(npx, ['--offline', 'pysparse-lint', '--fix'], { ...quiet, cwd: app });
    assert.equal(fix.status, 0, fix.stdout + fix.stderr);
    assert.match(readFileSync(path.join(app, 'service.py'), 'utf8'), /return json\.load\(fh\)\n/);
    assert.match(readFileSync(path.join(app, 'service.py'), 'utf8'), /Preise für Händler/);
  });

  it('type-checks a TypeScript consumer against the published types', () => {
    writeFileSync(path.join(app, 'consumer.ts'), CONSUMER_TS);
    // web-tree-sitter's own .d.ts names `EmscriptenModule` without depending on @types/emscripten;
    // with skipLibCheck off a consumer declares it (docs/api.md says so). Our .d.ts files are checked in full.
    writeFileSync(path.join(app, 'emscripten.d.ts'), 'interface EmscriptenModule {}\n');
    writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true,
        skipLibCheck: false, types: ['node'], typeRoots: [path.join(repo, 'node_modules', '@types')],
      },
      files: ['consumer.ts', 'emscripten.d.ts'],
    }));
    const check = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { ...quiet, cwd: app });
    assert.equal(check.status, 0, check.stdout + check.stderr);
  });
});
