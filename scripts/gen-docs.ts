// Writes docs/rules/<CODE>.md and docs/rules/README.md from rule metadata, and the rule table
// between `<!-- rules:start -->` and `<!-- rules:end -->` in README.md. `--check` only compares.
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderRuleDocs, renderRulesIndex, renderRulesTable } from '../src/engine/run/rule-docs.js';
import type { Rule } from '../src/engine/run/rule.js';
import { builtinRules } from '../src/rules/index.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';
const PAGE = /^[A-Z]+[0-9]+\.md$/;

export interface DocsPlan {
  /** Repo-relative path → the text gen:docs writes there. */
  readonly write: ReadonlyMap<string, string>;
  /** Repo-relative pages of rules that no longer exist. */
  readonly remove: readonly string[];
}

/** What gen:docs would write for `rules`, given the repository at `root`. */
export function planDocs(rules: readonly Rule[], root = REPO_ROOT): DocsPlan {
  const write = new Map<string, string>();
  for (const rule of rules) write.set(`docs/rules/${rule.code}.md`, renderRuleDocs(rule));
  write.set('docs/rules/README.md', renderRulesIndex(rules));
  const readme = path.join(root, 'README.md');
  if (existsSync(readme)) {
    const text = readFileSync(readme, 'utf8');
    const updated = withRulesTable(text, renderRulesTable(rules, (code) => `docs/rules/${code}.md`));
    if (updated !== null) write.set('README.md', updated);
  }
  const dir = path.join(root, 'docs', 'rules');
  const codes = new Set(rules.map((r) => `${r.code}.md`));
  const remove = existsSync(dir)
    ? readdirSync(dir).filter((name) => PAGE.test(name) && !codes.has(name)).map((name) => `docs/rules/${name}`).sort()
    : [];
  return { write, remove };
}

/** README text with the table between the markers replaced; null when the markers are missing. */
export function withRulesTable(readme: string, table: string): string | null {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start < 0 || end < start) return null;
  return `${readme.slice(0, start + RULES_START.length)}\n${table}\n${readme.slice(end)}`;
}

/** Files whose content differs from the plan (or that should be gone). */
export function staleDocs(plan: DocsPlan, root = REPO_ROOT): string[] {
  const stale: string[] = [];
  for (const [file, text] of plan.write) {
    const full = path.join(root, file);
    if (!existsSync(full) || readFileSync(full, 'utf8') !== text) stale.push(file);
  }
  return [...stale, ...plan.remove];
}

function main(argv: readonly string[]): number {
  const plan = planDocs(builtinRules);
  if (argv.includes('--check')) {
    const stale = staleDocs(plan);
    if (stale.length === 0) return 0;
    process.stderr.write(`generated docs are out of date (run \`npm run gen:docs\`):\n${stale.map((f) => `  ${f}`).join('\n')}\n`);
    return 1;
  }
  mkdirSync(path.join(REPO_ROOT, 'docs', 'rules'), { recursive: true });
  let changed = 0;
  for (const [file, text] of plan.write) {
    const full = path.join(REPO_ROOT, file);
    if (existsSync(full) && readFileSync(full, 'utf8') === text) continue;
    writeFileSync(full, text);
    changed++;
    process.stdout.write(`wrote ${file}\n`);
  }
  for (const file of plan.remove) {
    unlinkSync(path.join(REPO_ROOT, file));
    process.stdout.write(`removed ${file} (no such rule)\n`);
  }
  process.stdout.write(`${plan.write.size} generated files, ${changed} changed, ${plan.remove.length} removed\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
