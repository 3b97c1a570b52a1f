// Seeded fuzzing: real Python files, mangled (truncated, lines and tokens dropped or doubled,
// random bytes, deep nesting), then linted and fixed with every rule. No crash, no internal error,
// and no fix that adds a syntax error. CI runs a short budget with a fixed seed; `npm run fuzz` a
// long one with a new seed each time (printed, to replay: PYSPARSE_FUZZ_SEED=… npm run fuzz):
//   PYSPARSE_FUZZ_ITERATIONS=5000 PYSPARSE_FUZZ_SECONDS=600 npm run fuzz
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../src/engine/config/config.js';
import { applyEdits } from '../../src/engine/fix/apply.js';
import { lintProject } from '../../src/engine/run/lint-project.js';
import { loadParser, parseText } from '../../src/engine/source/parser.js';
import { copyTree } from '../../src/engine/source/syntax.js';
import { builtinRules } from '../../src/rules/index.js';
import { seedFiles } from './corpus.js';

const SEED = Number(process.env.PYSPARSE_FUZZ_SEED ?? (process.env.PYSPARSE_FUZZ_LONG ? Date.now() % 1_000_000_007 : 20251128));
const ITERATIONS = Number(process.env.PYSPARSE_FUZZ_ITERATIONS ?? 400);
/** CI's budget: the whole `npm test` must stay well under ten minutes on two cores. */
const SECONDS = Number(process.env.PYSPARSE_FUZZ_SECONDS ?? 60);
/** Seed files above this size make an iteration slow without finding more. */
const MAX_SEED_BYTES = 40_000;

/** mulberry32: small, fast, and the same sequence on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const between = (rng: Rng, low: number, high: number) => low + Math.floor(rng() * (high - low + 1));

const TOKEN = /[A-Za-z_][A-Za-z0-9_]*|\d+|"[^"\n]*"|'[^'\n]*'|[()[\]{}:,.=+\-*/%<>!@]/g;
const JUNK = ['(', ')', '[', ']', '{', '}', ':', ',', '=', '\\', '"', "'", '"""', '#', '\t', '\r', '\n', ' ', 'é', '😀', '\u2028', '\uFEFF', 'lambda', 'yield', 'await', 'async', 'def', 'class', 'return', 'with', 'for', 'in', 'not', 'if', 'else', ':=', '->', '*', '**', '@'];

/** One mutation of `text`, and its name for the failure message. */
const MUTATIONS: readonly [string, (text: string, rng: Rng) => string][] = [
  ['truncate', (t, r) => t.slice(0, Math.floor(r() * t.length))],
  ['delete lines', (t, r) => {
    const lines = t.split('\n');
    const at = between(r, 0, lines.length - 1);
    lines.splice(at, between(r, 1, 4));
    return lines.join('\n');
  }],
  ['duplicate lines', (t, r) => {
    const lines = t.split('\n');
    const at = between(r, 0, lines.length - 1);
    lines.splice(at, 0, ...lines.slice(at, at + between(r, 1, 6)));
    return lines.join('\n');
  }],
  ['swap lines', (t, r) => {
    const lines = t.split('\n');
    const a = between(r, 0, lines.length - 1);
    const b = between(r, 0, lines.length - 1);
    [lines[a], lines[b]] = [lines[b]!, lines[a]!];
    return lines.join('\n');
  }],
  ['re-indent a line', (t, r) => {
    const lines = t.split('\n');
    const at = between(r, 0, lines.length - 1);
    lines[at] = r() < 0.5 ? `    ${lines[at]}` : lines[at]!.replace(/^ {1,4}/, '');
    return lines.join('\n');
  }],
  ['delete a token', (t, r) => mutateToken(t, r, () => '')],
  ['duplicate a token', (t, r) => mutateToken(t, r, (token) => `${token} ${token}`)],
  ['replace a token', (t, r) => mutateToken(t, r, () => pick(r, JUNK))],
  ['insert junk', (t, r) => {
    const at = Math.floor(r() * t.length);
    const junk = Array.from({ length: between(r, 1, 8) }, () => (r() < 0.2 ? String.fromCharCode(between(r, 1, 0x2fff)) : pick(r, JUNK))).join('');
    return t.slice(0, at) + junk + t.slice(at);
  }],
  ['insert deep nesting', (t, r) => {
    const at = t.indexOf('\n', Math.floor(r() * t.length)) + 1;
    const depth = between(r, 50, 3000);
    const [open, close] = pick(r, NESTINGS)(r);
    const nested = open === 'if'
      ? `${Array.from({ length: Math.min(depth, 400) }, (_, i) => `${' '.repeat(i)}if c:`).join('\n')}\n${' '.repeat(Math.min(depth, 400))}rows = [r for r in data]\n`
      : `${pick(r, ['x = ', 'return ', 'yield ', 'total += ', 'self.rows = ', ''])}${open.repeat(depth)}rows${close.repeat(depth)}\n`;
    return t.slice(0, at) + nested + t.slice(at);
  }],
  ['insert a long chain', (t, r) => {
    const at = t.indexOf('\n', Math.floor(r() * t.length)) + 1;
    const length = between(r, 100, 20_000);
    const link = pick(r, [' + rows', '.attr', '.method()', '[0]', ' and rows', ' if c else rows', ', rows', ' < rows', '(rows)']);
    return `${t.slice(0, at)}value = rows${link.repeat(length)}\n${t.slice(at)}`;
  }],
];

/** Shapes of deep nesting: what recursion over the tree overflows on (open, close per level). */
const NESTINGS: readonly ((r: Rng) => readonly [string, string])[] = [
  () => ['[', ']'],
  () => ['(', ')'],
  () => ['{1: ', '}'],
  (r) => [`${pick(r, ['list', 'sum', 'sorted', 'set', 'len', 'f', 'self.load', 'obj.items'])}(`, ')'],
  (r) => [pick(r, ['sum(list(', 'sorted(set(', 'list(map(f, ', 'dict(zip(k, ']), '))'],
  () => ['[x for x in ', ']'],
  () => ['(lambda: ', ')'],
  () => ['a[', ']'],
  () => ['not ', ''],
  () => ['-', ''],
  () => ['await ', ''],
  () => ['(yield ', ')'],
  () => ['if', ''],
  () => ['(', ')'], // unbalanced when cut by another mutation
];

function mutateToken(text: string, rng: Rng, replace: (token: string) => string): string {
  const tokens = [...text.matchAll(TOKEN)];
  if (tokens.length === 0) return text;
  const token = pick(rng, tokens);
  return text.slice(0, token.index) + replace(token[0]) + text.slice(token.index + token[0].length);
}

describe('fuzz', () => {
  it(`lints and fixes mangled files without crashing (seed ${SEED})`, async () => {
    const parser = await loadParser();
    const config = resolveConfig(builtinRules, { select: ['ALL'] });
    const errorsIn = (text: string) => {
      const tree = parseText(parser, text);
      try {
        return copyTree(tree, text).errorCount;
      } finally {
        tree.delete();
      }
    };
    const seeds = seedFiles().filter((f) => {
      try {
        return readFileSync(f).length <= MAX_SEED_BYTES;
      } catch {
        return false;
      }
    });
    assert.ok(seeds.length > 0, 'no Python files to fuzz');
    const rng = random(SEED);
    const deadline = performance.now() + SECONDS * 1000;
    const failures: string[] = [];
    const outDir = path.join(tmpdir(), `pysparse-fuzz-${SEED}`);
    let iterations = 0;
    for (; iterations < ITERATIONS && performance.now() < deadline && failures.length < (process.env.PYSPARSE_FUZZ_LONG ? 50 : 10); iterations++) {
      const seedFile = pick(rng, seeds);
      let text = readFileSync(seedFile, 'utf8');
      const applied: string[] = [];
      for (let m = between(rng, 1, 3); m > 0; m--) {
        const [name, mutate] = pick(rng, MUTATIONS);
        text = mutate(text, rng);
        applied.push(name);
      }
      const name = `case_${iterations}.py`;
      const where = `iteration ${iterations} (${path.basename(seedFile)}: ${applied.join(', ')})`;
      const problems: string[] = [];
      try {
        const { report } = lintProject(parser, [{ path: name, absolutePath: path.join(outDir, name), content: text, module: { path: name, name: `case_${iterations}`, isPackageInit: false } }], {
          root: outDir, config, fix: 'unsafe',
        });
        for (const n of report.notifications) if (n.code === 'internal-error' || n.code === 'fix-dropped') problems.push(`${n.code}: ${n.message}`);
        const result = report.files[0];
        const before = errorsIn(text);
        if (result?.fixedSource !== undefined && errorsIn(result.fixedSource) > before) problems.push('the fixed file has more syntax errors');
        // Each fix the first pass offers, alone: a rule must never offer one that breaks the file.
        const first = lintProject(parser, [{ path: name, absolutePath: path.join(outDir, name), content: text, module: { path: name, name: `case_${iterations}`, isPackageInit: false } }], {
          root: outDir, config, fix: 'none',
        });
        for (const finding of first.report.files[0]?.findings ?? []) {
          if (!finding.fix) continue;
          const fixed = applyEdits(text, finding.fix.edits);
          if (errorsIn(fixed) > before) problems.push(`${finding.ruleId} offers a fix that adds a syntax error at line ${finding.span.startLine}`);
        }
      } catch (error) {
        problems.push(`crash: ${(error as Error).stack ?? String(error)}`);
      }
      if (problems.length > 0) {
        mkdirSync(outDir, { recursive: true });
        writeFileSync(path.join(outDir, name), text);
        failures.push(`${where}, saved as ${path.join(outDir, name)}:\n    ${problems.map((p) => p.slice(0, 600)).join('\n    ')}`);
      }
    }
    process.stderr.write(`fuzz: ${iterations} iterations, seed ${SEED}, ${failures.length} failing\n`);
    assert.ok(iterations >= Math.min(ITERATIONS, 25), `only ${iterations} iterations in ${SECONDS} s`);
    assert.deepEqual(failures, [], `rerun with PYSPARSE_FUZZ_SEED=${SEED}`);
  });
});
