// Memory effect of the generator autofix on the runtime programs in test/fix-runtime/safe/.
//
//   node --import tsx bench/fix-memory.ts [N] [--reference DIR]
//
// For each safe program: copy it, run `pysparse-lint --fix` on the copy, then run original
// and fixed under python3 with a large N and measure
//   - peak traced memory: python3 -X tracemalloc=1, program run with runpy, then
//     tracemalloc.get_traced_memory()[1];
//   - max RSS: a python3 wrapper runs the program as a child and reads
//     resource.getrusage(RUSAGE_CHILDREN).ru_maxrss.
// Prints a markdown table and the median ratios (fixed / original, same run only).
// --reference DIR takes the fixed version from DIR/<program> (same layout as safe/) instead of
// running the CLI: a hand-converted tree, to check the programs before the fix exists.
// PYSPARSE_CLI=path uses another build of the CLI.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  changedFiles,
  cliPath,
  listPrograms,
  pythonEnv,
  run,
  runFix,
  snapshotPython,
  stageProgram,
} from '../test/fix-runtime/programs.js';
import type { Program, RunResult, Staged } from '../test/fix-runtime/programs.js';

const DEFAULT_N = 30_000; // ~1-2.5 s per traced run of each program on the 2-core machine

const TRACE_WRAPPER = `
import os, runpy, sys, tracemalloc
p = os.path.abspath(sys.argv[1]); sys.argv = [p] + sys.argv[2:]
sys.path.insert(0, os.path.dirname(p))
try:
    runpy.run_path(p, run_name="__main__")
finally:
    sys.stderr.write("__FIXMEM_PEAK__ %d\\n" % tracemalloc.get_traced_memory()[1])
`;

const RSS_WRAPPER = `
import resource, subprocess, sys
r = subprocess.run([sys.executable] + sys.argv[1:])
sys.stderr.write("__FIXMEM_MAXRSS_KB__ %d\\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(r.returncode)
`;

interface Measurement {
  readonly peakBytes: number;
  readonly maxRssBytes: number;
  readonly stdoutHash: string;
  readonly seconds: number;
}

interface Row {
  readonly program: string;
  readonly fixedFiles: number;
  readonly before: Measurement;
  readonly after: Measurement;
}

function parseArgs(argv: readonly string[]): { n: number; reference: string | undefined } {
  let n = DEFAULT_N;
  let reference: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--reference') {
      const dir = argv[++i];
      if (dir === undefined) throw new Error('--reference needs a folder');
      reference = path.resolve(dir);
    } else if (/^\d+$/.test(arg)) {
      n = Number(arg);
    } else {
      throw new Error(`unknown argument '${arg}' (usage: bench/fix-memory.ts [N] [--reference DIR])`);
    }
  }
  return { n, reference };
}

function marker(r: RunResult, name: string): number {
  const m = new RegExp(`^${name} (\\d+)$`, 'm').exec(r.stderr);
  if (!m) throw new Error(`no ${name} in the wrapper's stderr:\n${r.stderr.slice(-3000)}`);
  return Number(m[1]);
}

function check(r: RunResult, what: string): RunResult {
  if (r.code !== 0) {
    throw new Error(`${what}: exit ${r.code}${r.signal ? ` signal ${r.signal}` : ''}${r.timedOut ? ' (timed out)' : ''}\n${r.stderr.slice(-3000)}`);
  }
  return r;
}

async function measure(staged: Staged, n: number, label: string): Promise<Measurement> {
  const cwd = path.dirname(staged.entry);
  const script = path.basename(staged.entry);
  const env = pythonEnv();
  const started = performance.now();
  const traced = check(
    await run('python3', ['-X', 'tracemalloc=1', '-c', TRACE_WRAPPER, script, String(n)], { cwd, env, timeoutMs: 600_000 }),
    `${label} (tracemalloc run)`,
  );
  const seconds = (performance.now() - started) / 1000;
  const rss = check(
    await run('python3', ['-c', RSS_WRAPPER, script, String(n)], { cwd, env, timeoutMs: 600_000 }),
    `${label} (max RSS run)`,
  );
  const hash = createHash('sha256').update(traced.stdout).digest('hex');
  const rssHash = createHash('sha256').update(rss.stdout).digest('hex');
  if (hash !== rssHash) throw new Error(`${label}: output differs between two runs; the program is not deterministic`);
  return {
    peakBytes: marker(traced, '__FIXMEM_PEAK__'),
    maxRssBytes: marker(rss, '__FIXMEM_MAXRSS_KB__') * 1024,
    stdoutHash: hash,
    seconds,
  };
}

async function benchOne(program: Program, n: number, reference: string | undefined): Promise<Row> {
  const work = mkdtempSync(path.join(tmpdir(), `fixmem-${program.name}-`));
  try {
    const orig = stageProgram(program, path.join(work, 'orig'));
    let fixed: Staged;
    if (reference) {
      const source = path.join(reference, program.isPackage ? program.name : `${program.name}.py`);
      if (!existsSync(source)) throw new Error(`--reference: ${source} is missing`);
      fixed = stageProgram({ ...program, source }, path.join(work, 'fixed'));
    } else {
      fixed = stageProgram(program, path.join(work, 'fixed'));
      await runFix(fixed.root, ['--fix'], work);
    }
    const fixedFiles = changedFiles(snapshotPython(orig.root), snapshotPython(fixed.root)).length;
    const before = await measure(orig, n, `${program.name} original`);
    const after = await measure(fixed, n, `${program.name} fixed`);
    return { program: program.name, fixedFiles, before, after };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const ratio = (after: number, before: number): number => after / before;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<number> {
  const { n, reference } = parseArgs(process.argv.slice(2));
  if (!reference && !existsSync(cliPath())) {
    process.stderr.write(`fix-memory: ${cliPath()} is missing; run \`npm run build\` first (or pass --reference DIR)\n`);
    return 2;
  }
  const version = (await run('python3', ['--version'], { cwd: process.cwd() })).stdout.trim();
  process.stdout.write(`# fix-memory: N=${n}, ${version}, fixed by ${reference ? `reference tree ${reference}` : 'pysparse-lint --fix'}\n\n`);
  process.stdout.write('| program | files fixed | peak traced before (MiB) | after (MiB) | ratio | max RSS before (MiB) | after (MiB) | ratio | output | time before/after (s) |\n');
  process.stdout.write('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n');
  const rows: Row[] = [];
  let failures = 0;
  for (const program of listPrograms('safe')) {
    try {
      const row = await benchOne(program, n, reference);
      rows.push(row);
      const { before: b, after: a } = row;
      process.stdout.write(
        `| ${row.program} | ${row.fixedFiles} | ${mib(b.peakBytes)} | ${mib(a.peakBytes)} | ${ratio(a.peakBytes, b.peakBytes).toFixed(3)} ` +
          `| ${mib(b.maxRssBytes)} | ${mib(a.maxRssBytes)} | ${ratio(a.maxRssBytes, b.maxRssBytes).toFixed(3)} ` +
          `| ${a.stdoutHash === b.stdoutHash ? 'same' : '**DIFFERS**'} | ${b.seconds.toFixed(2)}/${a.seconds.toFixed(2)} |\n`,
      );
    } catch (error) {
      failures++;
      process.stdout.write(`| ${program.name} | error | | | | | | | ${String((error as Error).message).split('\n')[0]} | |\n`);
      process.stderr.write(`${program.name}: ${(error as Error).stack ?? String(error)}\n`);
    }
  }
  if (rows.length > 0) {
    const peak = median(rows.map((r) => ratio(r.after.peakBytes, r.before.peakBytes)));
    const rss = median(rows.map((r) => ratio(r.after.maxRssBytes, r.before.maxRssBytes)));
    process.stdout.write(`\nmedian ratio fixed/original over ${rows.length} programs: peak traced ${peak.toFixed(3)}, max RSS ${rss.toFixed(3)}\n`);
    const differing = rows.filter((r) => r.after.stdoutHash !== r.before.stdoutHash).map((r) => r.program);
    const unfixed = rows.filter((r) => r.fixedFiles === 0).map((r) => r.program);
    if (differing.length) process.stdout.write(`output changed by the fix: ${differing.join(', ')}\n`);
    if (unfixed.length) process.stdout.write(`not changed by the fix: ${unfixed.join(', ')}\n`);
    if (differing.length) failures += differing.length;
  }
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`fix-memory: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
