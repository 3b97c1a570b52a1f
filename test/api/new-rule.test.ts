// scripts/new-rule.ts: the scaffold type-checks, registers itself, and its cases pass as written.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, scaffoldRule, withRegistryEntry } from '../../scripts/new-rule.js';
import type { Rule } from '../../src/engine/run/rule.js';
import { caseFiles, compareWithExpectations, parseExpectations, runCase } from '../harness/cases.js';

const REGISTRY = `// The built-in rule registry: sorted by code, frozen.
import type { Rule } from '../engine/run/rule.js';
import PSL104 from './PSL104-eager-materialization.js';
import PSL202 from './PSL202-method-cache-holds-self.js';

export const builtinRules: readonly Rule[] = Object.freeze(
  [PSL104, PSL202].sort((a, b) => (a.code < b.code ? -1 : 1)),
);
`;

/** A scratch repository: a copy of src/ (so the scaffold compiles against the real engine). */
function scratchRepo(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'psl-new-rule-'));
  cpSync(path.join(REPO_ROOT, 'src'), path.join(root, 'src'), { recursive: true });
  mkdirSync(path.join(root, 'test', 'cases'), { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'));
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ type: 'module' }));
  return root;
}

describe('npm run new-rule', () => {
  it('adds one import and one array entry in code order', () => {
    const once = withRegistryEntry(REGISTRY, 'PSL150', 'chained-copies');
    assert.match(once, /import PSL104 from '\.\/PSL104-eager-materialization\.js';\nimport PSL150 from '\.\/PSL150-chained-copies\.js';\nimport PSL202/);
    assert.match(once, /\[PSL104, PSL150, PSL202\]\.sort/);
    const first = withRegistryEntry(REGISTRY, 'PSL001', 'unused-noqa');
    assert.match(first, /rule\.js';\nimport PSL001 from '\.\/PSL001-unused-noqa\.js';\nimport PSL104/);
    assert.match(first, /\[PSL001, PSL104, PSL202\]/);
  });

  for (const tier of ['file', 'project'] as const) {
    it(`scaffolds a ${tier} rule that type-checks and whose two cases pass`, { timeout: 60_000 }, async () => {
      const root = scratchRepo();
      const code = tier === 'file' ? 'PSL198' : 'PSL398';
      const written = scaffoldRule(code, 'scratch-pattern', { root, tier });
      assert.deepEqual(written, [`src/rules/${code}-scratch-pattern.ts`, `test/cases/${code}/scratch_pattern.py`, `test/cases/${code}/scratch_pattern_ok.py`, 'src/rules/index.ts']);
      assert.match(readFileSync(path.join(root, 'src/rules/index.ts'), 'utf8'), new RegExp(`import ${code} from './${code}-scratch-pattern.js';`));
      assert.throws(() => scaffoldRule(code, 'scratch-pattern', { root }), /already exists/);
      assert.throws(() => scaffoldRule('X1', 'a', { root }), /PSL104/);

      const tsc = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--noUncheckedIndexedAccess',
        '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--types', 'node', '--skipLibCheck', path.join(root, written[0]!)], { encoding: 'utf8', cwd: root });
      assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);

      const rule = (await import(pathToFileURL(path.join(root, written[0]!)).href) as { default: Rule }).default;
      for (const caseFile of [written[1]!, written[2]!]) {
        const casePath = path.join(root, caseFile);
        const expectations = caseFiles(casePath).flatMap((f) => parseExpectations(path.basename(f), readFileSync(f, 'utf8')));
        const report = await runCase(casePath, rule, [rule], 'none');
        assert.deepEqual(compareWithExpectations(report, expectations), [], caseFile);
      }
      assert.equal(caseFiles(path.join(root, written[1]!)).length, 1);
    });
  }
});
