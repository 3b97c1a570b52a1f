// Docs consistency: every registered rule has an up-to-date generated page, examples that the
// rule flags (and a `useInstead` it does not), described options, fixture cases, and a registry entry.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { planDocs, REPO_ROOT, staleDocs } from '../scripts/gen-docs.js';
import * as api from '../src/index.js';
import { explainRule, lintText, renderRuleDocs, type UserConfig } from '../src/index.js';
import { parse as parseToml } from 'smol-toml';
import { resolveConfig } from '../src/engine/config/config.js';
import { builtinRules } from '../src/rules/index.js';
import { DEFAULT_DOCS_BASE_URL, DEFAULT_INFORMATION_URI } from '../src/formatters/options.js';
import { caseFiles, isFixedOutput, parseExpectations } from './harness/cases.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
assert.equal(root, REPO_ROOT);
const casesDir = path.join(root, 'test', 'cases');

describe('generated docs', () => {
  it('docs/rules and the README rule table match `npm run gen:docs`', () => {
    const stale = staleDocs(planDocs(builtinRules));
    assert.deepEqual(stale, [], `out of date (run \`npm run gen:docs\`): ${stale.join(', ')}`);
  });
  it('--explain prints the page text', () => {
    for (const rule of builtinRules) assert.equal(explainRule(builtinRules, rule.code), readFileSync(path.join(root, 'docs', 'rules', `${rule.code}.md`), 'utf8'));
  });
});

describe('registry', () => {
  it('is frozen, sorted by code, and has unique codes and names', () => {
    assert.ok(Object.isFrozen(builtinRules));
    const codes = builtinRules.map((r) => r.code);
    assert.deepEqual(codes, [...codes].sort());
    assert.equal(new Set(codes).size, codes.length);
    assert.equal(new Set(builtinRules.map((r) => r.name)).size, codes.length);
  });
  it('holds every rule file in src/rules and every case folder', () => {
    const codes = new Set(builtinRules.map((r) => r.code));
    const files = readdirSync(path.join(root, 'src', 'rules')).filter((f) => /^[A-Z]+[0-9]+-.*\.ts$/.test(f));
    for (const file of files) {
      const code = file.split('-')[0]!;
      assert.ok(codes.has(code), `src/rules/${file} is not registered in src/rules/index.ts`);
      const rule = builtinRules.find((r) => r.code === code)!;
      assert.equal(file, `${rule.code}-${rule.name}.ts`, `rule file name should be <CODE>-<name>.ts`);
    }
    for (const dir of readdirSync(casesDir).filter((d) => /^[A-Z]+[0-9]+$/.test(d))) {
      assert.ok(codes.has(dir), `test/cases/${dir} names no registered rule`);
    }
  });
});

for (const rule of builtinRules) {
  describe(`${rule.code} ${rule.name}`, () => {
    it('flags its docs example and not its useInstead', async () => {
      const config = { select: [rule.code] };
      const example = await lintText(rule.docs.example, { config, filePath: 'example.py' });
      assert.ok(example.findings.some((f) => f.ruleId === rule.code), `${rule.code}'s docs.example is not flagged:\n${rule.docs.example}`);
      assert.ok(!example.findings.some((f) => f.ruleId === 'syntax-error'), `${rule.code}'s docs.example is not valid Python`);
      const instead = await lintText(rule.docs.useInstead, { config, filePath: 'example.py' });
      assert.deepEqual(instead.findings.map((f) => `${f.span.startLine}: ${f.ruleId} ${f.message}`), [], `${rule.code}'s docs.useInstead is flagged`);
    });

    it("its page's pyproject.toml snippet is a valid configuration", () => {
      const snippet = /```toml\n([\s\S]*?)```/.exec(renderRuleDocs(rule));
      if (Object.keys(rule.options).length === 0) return;
      assert.ok(snippet, `${rule.code}'s page has no TOML example of its options`);
      const table = parseToml(snippet[1]!) as unknown as { tool: { 'pysparse-lint': UserConfig } };
      const resolved = resolveConfig(builtinRules, table.tool['pysparse-lint']);
      assert.deepEqual(resolved.settings.get(rule.code)!.options, Object.fromEntries(Object.entries(rule.options).map(([k, o]) => [k, o.default])));
    });

    it('describes every option and its metadata', () => {
      for (const [name, spec] of Object.entries(rule.options)) {
        assert.ok(spec.description.trim().length > 0, `${rule.code} option '${name}' has no description`);
      }
      assert.ok(rule.summary.trim() && rule.docs.whatItDoes.trim() && rule.docs.whyBad.trim(), `${rule.code} has empty docs`);
      if (rule.fixable !== 'never') assert.ok(rule.fixTitle, `${rule.code} is fixable but has no fixTitle`);
      for (const [id, template] of Object.entries(rule.messages)) assert.ok(template.trim(), `${rule.code} message '${id}' is empty`);
      const texts = [rule.summary, ...Object.values(rule.messages), ...Object.values(rule.docs).flat()].join('\n');
      assert.doesNotMatch(texts, /\bTODO\b/, `${rule.code} still has scaffold TODOs in its metadata`);
    });

    it('has fixture cases: at least one flagged and one silent', () => {
      const dir = path.join(casesDir, rule.code);
      assert.ok(existsSync(dir), `test/cases/${rule.code}/ is missing (run \`npm run new-rule\` to scaffold it)`);
      const cases = readdirSync(dir)
        .filter((name) => statSync(path.join(dir, name)).isDirectory() || (/\.pyi?$/.test(name) && !isFixedOutput(name)))
        .map((name) => path.join(dir, name));
      let flagged = false;
      let silent = false;
      for (const casePath of cases) {
        for (const file of caseFiles(casePath)) {
          const text = readFileSync(file, 'utf8');
          const expectations = parseExpectations(path.basename(file), text);
          if (expectations.length > 0) flagged = true;
          if (hasSilentStatement(text, new Set(expectations.map((e) => e.line)))) silent = true;
        }
      }
      assert.ok(flagged, `test/cases/${rule.code}/ has no case with an \`# expect:\` comment`);
      assert.ok(silent, `test/cases/${rule.code}/ has no silent case (a case file, or a top-level statement, with no \`# expect:\`)`);
    });
  });
}

/**
 * A silent case: a whole file without expectations, or a top-level statement (a function, class,
 * assignment, loop… with everything indented under it) that holds none. Imports and docstrings
 * do not count: they are not cases.
 */
function hasSilentStatement(text: string, expectedLines: ReadonlySet<number>): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  if (expectedLines.size === 0) return lines.some((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  const free = linesStartingOutsideCode(text);
  const starts: number[] = [];
  let previousWasDecorator = false;
  lines.forEach((line, index) => {
    if (!free[index] || !/^[^\s#)\]}]/.test(line)) return;
    if (!previousWasDecorator) starts.push(index);
    previousWasDecorator = line.startsWith('@');
  });
  return starts.some((start, i) => {
    const end = starts[i + 1] ?? lines.length;
    const head = lines[start]!;
    if (/^(import|from)\s/.test(head) || /^[rbuf]*['"]/i.test(head) || /^__all__\b/.test(head)) return false;
    for (let line = start + 1; line <= end; line++) if (expectedLines.has(line)) return false;
    return true;
  });
}

/** For each line: whether it starts outside any string and bracket (a rough Python scanner, enough for case files). */
function linesStartingOutsideCode(text: string): boolean[] {
  const free: boolean[] = [true];
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      free.push(quote === null && depth === 0);
      if (quote !== null && quote.length === 1) quote = null; // an unterminated one-line string ends here
      continue;
    }
    if (quote !== null) {
      if (c === '\\') i++;
      else if (text.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = null;
      }
      continue;
    }
    if (c === '#') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '"' || c === "'") {
      quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += quote.length - 1;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
  }
  return free;
}

describe('links and the public API docs', () => {
  it('package.json homepage and repository are where the SARIF helpUri points', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { homepage: string; repository: { url: string } };
    assert.equal(pkg.homepage, `${DEFAULT_INFORMATION_URI}#readme`);
    assert.equal(pkg.repository.url, `git+${DEFAULT_INFORMATION_URI}.git`);
    assert.equal(DEFAULT_DOCS_BASE_URL, `${DEFAULT_INFORMATION_URI}/blob/main/`);
  });
  it('.pre-commit-hooks.yaml runs the package bin as a node hook', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const hooks = readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8');
    const entries = [...hooks.matchAll(/^\s+entry:\s*(\S+)/gm)].map((m) => m[1]);
    assert.ok(entries.length >= 1 && entries.every((e) => e! in pkg.bin), `hook entries ${entries.join(', ')} are package bins`);
    assert.equal([...hooks.matchAll(/^\s+language:\s*node\s*$/gm)].length, entries.length);
  });
  it('docs link to files that exist', () => {
    const docs = ['README.md', 'docs/api.md', 'docs/adoption.md', 'docs/ci/github-actions.md', 'docs/ci/pre-commit.md', 'docs/ci/github-code-scanning.md'];
    const missing: string[] = [];
    for (const doc of docs) {
      const text = readFileSync(path.join(root, doc), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        if (!existsSync(path.join(path.dirname(path.join(root, doc)), target!))) missing.push(`${doc} → ${target}`);
      }
    }
    assert.deepEqual(missing, []);
  });
  it('docs/api.md mentions every runtime export of src/index.ts', () => {
    const doc = readFileSync(path.join(root, 'docs', 'api.md'), 'utf8');
    const missing = Object.keys(api).filter((name) => !new RegExp(`\\b${name}\\b`).test(doc));
    assert.deepEqual(missing, [], 'exports without documentation in docs/api.md');
  });
});

describe('docs/api.md examples', () => {
  it('the custom-rule example works as the RuleTester example says', async () => {
    const doc = readFileSync(path.join(root, 'docs', 'api.md'), 'utf8');
    const blocks = [...doc.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const ruleBlock = blocks.find((b) => b.includes("code: 'ACME101'"));
    const testerBlock = blocks.find((b) => b.includes('new RuleTester().run('));
    assert.ok(ruleBlock && testerBlock, 'docs/api.md keeps its ACME101 and RuleTester examples');
    const dir = mkdtempSync(path.join(tmpdir(), 'psl-apidoc-'));
    const entry = pathToFileURL(path.join(root, 'src', 'index.ts')).href;
    writeFileSync(path.join(dir, 'memory_rules.mjs'), ruleBlock.replace("from 'pysparse-lint'", `from '${entry}'`));
    const { rules: docRules } = await import(pathToFileURL(path.join(dir, 'memory_rules.mjs')).href) as { rules: api.Rule[] };
    // Run the RuleTester example's cases through verify*, which is what run() registers.
    const tests = new Function(`return ${/run\(rules\[0\], (\{[\s\S]*\})\);/.exec(testerBlock)![1]}`)() as api.RuleTests;
    const tester = new api.RuleTester();
    for (const valid of tests.valid) await tester.verifyValid(docRules[0]!, valid);
    for (const invalid of tests.invalid) await tester.verifyInvalid(docRules[0]!, invalid);
  });
});
