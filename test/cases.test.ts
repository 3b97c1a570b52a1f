// Runs every fixture case in test/cases/<CODE>/: findings must match `# expect:` comments
// exactly, and fixed output must match `<case>.fixed.py` / `<case>.unsafe-fixed.py`.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { builtinRules } from '../src/rules/index.js';
import type { LintReport } from '../src/engine/types.js';
import { caseFiles, compareWithExpectations, isFixedOutput, parseExpectations, runCase } from './harness/cases.js';

const casesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');
const ruleDirs = readdirSync(casesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
  .map((d) => d.name)
  .sort();

for (const code of ruleDirs) {
  const rule = builtinRules.find((r) => r.code === code);
  describe(`cases ${code}`, () => {
    it('names a registered rule', () => assert.ok(rule, `test/cases/${code} has no rule in src/rules/index.ts`));
    if (!rule) return;
    const dir = path.join(casesDir, code);
    const cases = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() || (/\.pyi?$/.test(d.name) && !isFixedOutput(d.name)))
      .map((d) => d.name)
      .sort();
    for (const name of cases) {
      const casePath = path.join(dir, name);
      it(name, async () => {
        const files = caseFiles(casePath);
        const root = files.length === 1 && casePath === files[0] ? dir : casePath;
        const expectations = files.flatMap((f) => parseExpectations(path.relative(root, f).split(path.sep).join('/'), readFileSync(f, 'utf8')));
        const report = await runCase(casePath, rule, builtinRules, 'none');
        const problems = compareWithExpectations(report, expectations);
        assert.equal(problems.length, 0, `findings differ from expectations in ${code}/${name}:\n${problems.join('\n')}`);
        await checkFixes(report, casePath, rule.code);
      });
    }
  });
}

/** Every fix a case offers must be pinned by expected output, and the output must match. */
async function checkFixes(report: LintReport, casePath: string, code: string): Promise<void> {
  const rule = builtinRules.find((r) => r.code === code)!;
  const findings = report.files.flatMap((f) => f.findings);
  const hasSafe = findings.some((f) => f.fix?.safety === 'safe');
  const hasUnsafe = findings.some((f) => f.fix?.safety === 'unsafe');
  for (const [mode, suffix, present] of [['safe', '.fixed.py', hasSafe], ['unsafe', '.unsafe-fixed.py', hasUnsafe]] as const) {
    if (!present) {
      for (const file of report.files) {
        const stray = file.absolutePath.replace(/\.pyi?$/, suffix);
        assert.ok(!existsSync(stray), `${path.basename(stray)} exists but the case offers no ${mode} fix`);
      }
      continue;
    }
    const fixed = await runCase(casePath, rule, builtinRules, mode);
    for (const file of fixed.files) {
      const expectedPath = file.absolutePath.replace(/\.pyi?$/, suffix);
      const expectedExists = existsSync(expectedPath);
      if (file.fixedSource === undefined) {
        assert.ok(!expectedExists, `${path.basename(expectedPath)} exists but ${mode} fixes changed nothing in ${file.file}`);
        continue;
      }
      assert.ok(expectedExists, `${file.file}: ${mode} fixes change it, so ${path.basename(expectedPath)} must exist with the expected text`);
      const expected = readFileSync(expectedPath, 'utf8');
      assert.notEqual(expected, file.source, `${path.basename(expectedPath)} must differ from its input`);
      assert.equal(file.fixedSource, expected, `${file.file}: ${mode}-fixed text differs from ${path.basename(expectedPath)}`);
    }
  }
}
