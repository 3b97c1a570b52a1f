// Where a run's time and memory go, phase by phase and rule by rule, in one thread:
//   node --import tsx bench/profile.ts [folder] [--select CODES]
// Prints a table; with --json, the same as JSON (bench/run.ts and the lead read it).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '../src/engine/config/config.js';
import { collectBulkFacts } from '../src/engine/facts/bulk.js';
import { collectCacheFacts } from '../src/engine/facts/caches.js';
import { factsFromModel } from '../src/engine/facts/collect.js';
import { collectCycleFacts } from '../src/engine/facts/cycles.js';
import { SemanticModel } from '../src/engine/facts/scope.js';
import type { FileFacts } from '../src/engine/facts/types.js';
import { linkProject } from '../src/engine/link/link.js';
import { discoverFiles, toPosix } from '../src/engine/run/discover.js';
import { moduleInfoFor } from '../src/engine/run/module-name.js';
import { createRuleContext } from '../src/engine/run/report.js';
import type { FileRule, ProjectRule } from '../src/engine/run/rule.js';
import { collectSuppressions } from '../src/engine/run/suppressions.js';
import { decodeSource } from '../src/engine/source/decode.js';
import { loadParser, parseText } from '../src/engine/source/parser.js';
import { SourceText } from '../src/engine/source/source-text.js';
import { copyTree } from '../src/engine/source/syntax.js';
import type { Finding } from '../src/engine/types.js';
import { builtinRules } from '../src/rules/index.js';
import { stdlibPath } from './corpus.js';

const args = process.argv.slice(2);
const selectAt = args.indexOf('--select');
const select = selectAt >= 0 ? args[selectAt + 1]!.split(',') : undefined;
const json = args.includes('--json');
const root = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--select') ?? stdlibPath();

const config = resolveConfig(builtinRules, {}, select ? { select } : {});
const fileRules = config.rules.filter((r): r is FileRule => r.tier === 'file');
const projectRules = config.rules.filter((r): r is ProjectRule => r.tier === 'project');
const files = discoverFiles([root], { root }).files;
const parser = await loadParser();

const time = new Map<string, number>();
const slowest = new Map<string, { file: string; ms: number }>();
const add = (phase: string, ms: number, file?: string) => {
  time.set(phase, (time.get(phase) ?? 0) + ms);
  if (file && ms > (slowest.get(phase)?.ms ?? 0)) slowest.set(phase, { file, ms });
};
const timed = <T>(phase: string, run: () => T, file?: string): T => {
  const started = performance.now();
  try {
    return run();
  } finally {
    add(phase, performance.now() - started, file);
  }
};
const crashes: string[] = [];
const facts = new Map<string, FileFacts>();
let findings = 0;
const wall = performance.now();
for (const absolutePath of files) {
  const relative = toPosix(path.relative(root, absolutePath));
  const decoded = timed('read + decode', () => decodeSource(readFileSync(absolutePath)));
  if (!decoded.ok) continue;
  const text = decoded.value.text;
  const tree = timed('parse', () => parseText(parser, text), relative);
  const { root: syntax } = timed('tree copy', () => copyTree(tree, text), relative);
  tree.delete();
  const source = new SourceText(text);
  try {
    timed('suppressions', () => collectSuppressions(syntax, source));
    const model = timed('facts: scopes', () => new SemanticModel(syntax, source, moduleInfoFor(absolutePath, relative)), relative);
    // The families once more each on their own, to see their share (facts are built once for real below).
    timed('facts: bulk', () => collectBulkFacts(model), relative);
    timed('facts: caches', () => collectCacheFacts(model), relative);
    timed('facts: cycles', () => collectCycleFacts(model), relative);
    const fileFacts = timed('facts: all (core + families)', () => factsFromModel(model), relative);
    facts.set(relative, fileFacts);
    for (const rule of fileRules) {
      const sink: Finding[] = [];
      try {
        timed(`rule ${rule.code}`, () => rule.check({ path: relative, source, root: syntax, model, facts: fileFacts }, createRuleContext(rule, relative, config.settings, sink)), relative);
      } catch (error) {
        crashes.push(`${rule.code} ${relative}: ${(error as Error).message}`);
      }
      findings += sink.length;
    }
  } catch (error) {
    crashes.push(`facts ${relative}: ${(error as Error).message}`);
  }
}
const graph = timed('link', () => linkProject(facts));
for (const rule of projectRules) {
  const sink: Finding[] = [];
  try {
    timed(`rule ${rule.code} (project)`, () => rule.check(graph, createRuleContext(rule, null, config.settings, sink)));
  } catch (error) {
    crashes.push(`${rule.code} (project): ${(error as Error).message}`);
  }
  findings += sink.length;
}
const factsBytes = JSON.stringify([...facts.values()]).length;
const total = performance.now() - wall;
const rows = [...time].map(([phase, ms]) => ({ phase, ms: Math.round(ms), share: ms / total, slowest: slowest.get(phase) }));
if (json) {
  process.stdout.write(`${JSON.stringify({ root, files: files.length, totalMs: Math.round(total), findings, factsBytes, rows, crashes }, null, 2)}\n`);
} else {
  process.stdout.write(`${files.length} files, ${findings} findings, ${(total / 1000).toFixed(1)} s in one thread; facts ${(factsBytes / 1e6).toFixed(1)} MB as JSON\n\n`);
  for (const row of rows) {
    const slow = row.slowest ? `  slowest: ${row.slowest.file} ${row.slowest.ms.toFixed(0)} ms` : '';
    process.stdout.write(`${String(row.ms).padStart(8)} ms ${(row.share * 100).toFixed(1).padStart(5)}%  ${row.phase}${slow}\n`);
  }
  if (crashes.length) process.stdout.write(`\n${crashes.length} crashes:\n${crashes.slice(0, 20).join('\n')}\n`);
}
