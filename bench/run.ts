// `npm run bench`: pysparse-lint against the floor (a bare tree-sitter parse and walk) and Ruff's
// WASM build on the Python standard library, then on the library doubled and quadrupled.
//   npm run bench -- [--runs 3] [--growth-runs 1] [--sizes 1,2,4] [--write bench/RESULTS.md]
// Each figure is the median of --runs fresh processes (--growth-runs for the doubled and quadrupled
// corpora, which only show how time and memory grow: one run each keeps the whole bench near 15 min); time from the start of the work, peak RSS
// of the whole process (worker threads included). The corpus is copied to a temp folder first
// (the warm-cache run edits a file of the copy), and so is the built package: a rebuild during
// the benchmark neither breaks it nor empties its cache.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { corpusFiles, replicatedCorpus, stdlibPath } from './corpus.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1]! : fallback;
};
const RUNS = Number(option('runs', '3'));
const GROWTH_RUNS = Number(option('growth-runs', '1'));
const SIZES = option('sizes', '1,2,4').split(',').map(Number);
const WRITE = option('write', '');
const RUFF_RULES = 'B019,C4,PERF,FURB';

/** Temp folders to remove when the benchmark ends, even when interrupted. */
const temporary = new Set<string>();

interface Sample {
  readonly ms: number;
  readonly cpuMs: number;
  readonly maxRssKb: number;
}

interface Row {
  readonly name: string;
  readonly ms: number;
  readonly cpuMs: number;
  readonly rssMb: number;
}

/** One measurement in a fresh process (bench/measure.mjs). */
function measureOnce(kind: string, corpus: string, extra: readonly string[]): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bench/measure.mjs', kind, corpus, ...extra], { cwd: snapshot, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (code) => {
      const line = stderr.split('\n').find((l) => l.startsWith('@@bench '));
      if (!line) reject(new Error(`${kind} ${extra.join(' ')} exited ${code} without a result:\n${stderr.slice(-2000)}`));
      else resolve(JSON.parse(line.slice('@@bench '.length)) as Sample);
    });
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function measure(name: string, kind: string, corpus: string, extra: readonly string[], runs: number, before?: (run: number) => void): Promise<Row> {
  const samples: Sample[] = [];
  for (let run = 0; run < runs; run++) {
    before?.(run);
    samples.push(await measureOnce(kind, corpus, extra));
  }
  const row = {
    name,
    ms: median(samples.map((s) => s.ms)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    rssMb: Math.round(median(samples.map((s) => s.maxRssKb)) / 1024),
  };
  process.stderr.write(`  ${name}: ${(row.ms / 1000).toFixed(2)} s (CPU ${(row.cpuMs / 1000).toFixed(2)} s), ${row.rssMb} MB\n`);
  return row;
}

function ruffAvailable(): boolean {
  try {
    execFileSync(process.execPath, ['-e', "require('@astral-sh/ruff-wasm-nodejs')"], { stdio: 'ignore', cwd: snapshot });
    return true;
  } catch {
    return false;
  }
}

interface CorpusResult {
  readonly copies: number;
  readonly files: number;
  readonly runs: number;
  readonly rows: Row[];
}

async function benchCorpus(copies: number): Promise<CorpusResult> {
  const source = stdlibPath();
  const corpus = replicatedCorpus(source, copies);
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'pysparse-bench-cache-'));
  temporary.add(corpus.root).add(cacheDir);
  try {
    const files = corpusFiles(corpus.root);
    const runs = copies === 1 ? RUNS : GROWTH_RUNS;
    process.stderr.write(`corpus x${copies}: ${files.length} files, ${runs} run${runs === 1 ? '' : 's'} each\n`);
    const rows: Row[] = [];
    rows.push(await measure('bare tree-sitter parse + walk, 1 thread (floor)', 'floor', corpus.root, [], runs));
    rows.push(await measure(ONE_WORKER, 'ours', corpus.root, ['--jobs', '1'], runs));
    rows.push(await measure(TWO_WORKERS, 'ours', corpus.root, ['--jobs', '2'], runs));
    // Warm cache: prime it once, then each run edits one file first.
    const cacheArgs = ['--jobs', '2', '--cache', '--cache-location', path.join(cacheDir, 'cache.json')];
    await measureOnce('ours', corpus.root, cacheArgs);
    const touched = files.find((f) => f.endsWith(`${path.sep}functools.py`)) ?? files[0]!;
    rows.push(await measure(WARM, 'ours', corpus.root, cacheArgs, runs, (run) => {
      appendFileSync(touched, `\n# bench edit ${run}\n`);
    }));
    if (ruffAvailable()) {
      rows.push(await measure(`Ruff WASM (${RUFF_RULES}), 1 thread`, 'ruff', corpus.root, [RUFF_RULES], runs));
      rows.push(await measure('Ruff WASM (default rules), 1 thread', 'ruff', corpus.root, ['default'], runs));
    }
    return { copies, files: files.length, runs, rows };
  } finally {
    for (const dir of [corpus.root, cacheDir]) {
      rmSync(dir, { recursive: true, force: true });
      temporary.delete(dir);
    }
  }
}

/** Row names the targets refer to. */
const ONE_WORKER = 'pysparse-lint, all rules, 1 worker';
const TWO_WORKERS = 'pysparse-lint, all rules, 2 workers';
const WARM = 'pysparse-lint, warm cache, one file changed (2 workers)';

function table(result: CorpusResult): string {
  const floor = result.rows[0]!;
  const lines = [
    `Standard library ×${result.copies} (${result.files} files, median of ${result.runs} run${result.runs === 1 ? '' : 's'}):`,
    '',
    '| run | wall time | ratio to floor | CPU time (all threads) | CPU ratio | peak RSS |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...result.rows.map((r) => `| ${r.name} | ${(r.ms / 1000).toFixed(2)} s | ${(r.ms / floor.ms).toFixed(2)} | ${(r.cpuMs / 1000).toFixed(2)} s | ${(r.cpuMs / floor.cpuMs).toFixed(2)} | ${r.rssMb} MB |`),
  ];
  return lines.join('\n');
}

/** The issue's targets (#8), checked against the ×1 corpus. */
function targets(result: CorpusResult): string {
  const floor = result.rows[0]!;
  const two = result.rows.find((r) => r.name === TWO_WORKERS);
  const warm = result.rows.find((r) => r.name === WARM);
  const peak = Math.max(...result.rows.filter((r) => r.name.startsWith('pysparse-lint')).map((r) => r.rssMb));
  const check = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const lines = ['Targets (×1):', ''];
  if (two) {
    const ratio = two.ms / floor.ms;
    lines.push(`- 2 workers ≤ 0.56× the floor, never above 1.0: ${ratio.toFixed(2)} (${check(ratio <= 0.56)})`);
  }
  lines.push(`- peak RSS ≤ 300 MB: ${peak} MB (${check(peak <= 300)})`);
  if (two && warm) {
    const ratio = warm.ms / two.ms;
    lines.push(`- warm cache, one file changed ≤ 0.2× the cold run (2 workers): ${ratio.toFixed(2)} (${check(ratio <= 0.2)})`);
  }
  return lines.join('\n');
}

function growth(results: readonly CorpusResult[]): string {
  const base = results.find((r) => r.copies === 1);
  const others = results.filter((r) => r.copies !== 1);
  if (!base || others.length === 0) return '';
  const lines = [
    'Growth against ×1 (linear: ×2 and ×4 for ×2 and ×4 the files):',
    '',
    `| run | ${others.map((r) => `×${r.copies} wall | ×${r.copies} CPU | ×${r.copies} RSS`).join(' | ')} |`,
    `| --- |${others.map(() => ' ---: | ---: | ---: |').join('')}`,
  ];
  for (const [i, row] of base.rows.entries()) {
    const cells = others.map((r) => {
      const other = r.rows[i];
      return other ? `${(other.ms / row.ms).toFixed(2)}× | ${(other.cpuMs / row.cpuMs).toFixed(2)}× | ${(other.rssMb / row.rssMb).toFixed(2)}×` : '– | – | –';
    });
    lines.push(`| ${row.name} | ${cells.join(' | ')} |`);
  }
  // The target: our cold runs' wall time grows linearly with the files, within 10 %.
  const verdicts = others.flatMap((r) => [ONE_WORKER, TWO_WORKERS].map((name) => {
    const one = base.rows.find((x) => x.name === name);
    const many = r.rows.find((x) => x.name === name);
    if (!one || !many) return null;
    const ratio = many.ms / one.ms / r.copies;
    return `${name.replace('pysparse-lint, all rules, ', '')} ×${r.copies}: ${ratio.toFixed(2)} of linear (${ratio <= 1.1 ? 'met' : 'NOT met'})`;
  })).filter((v): v is string => v !== null);
  if (verdicts.length > 0) lines.push('', `Growth no worse than linear + 10 % (wall time per file against ×1): ${verdicts.join('; ')}.`);
  return lines.join('\n');
}

if (!existsSync('dist/cli/main.js')) throw new Error('build first: npm run build');
/** The built package as it is now: dist/, package.json, the dependencies (linked) and the measuring script. */
const snapshot = mkdtempSync(path.join(tmpdir(), 'pysparse-bench-pkg-'));
cpSync('dist', path.join(snapshot, 'dist'), { recursive: true });
cpSync('package.json', path.join(snapshot, 'package.json'));
symlinkSync(path.resolve('node_modules'), path.join(snapshot, 'node_modules'));
mkdirSync(path.join(snapshot, 'bench'));
cpSync('bench/measure.mjs', path.join(snapshot, 'bench', 'measure.mjs'));
temporary.add(snapshot);
process.on('exit', () => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
const results = [];
for (const copies of SIZES) results.push(await benchCorpus(copies));
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}`;
const base = results.find((r) => r.copies === 1);
const text = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; corpus: ${stdlibPath()}`, '',
  ...results.map(table).flatMap((t) => [t, '']),
  ...(base ? [targets(base), ''] : []),
  growth(results), '',
].join('\n');
process.stdout.write(`\n${text}`);
if (!ruffAvailable()) process.stdout.write('\nRuff WASM not measured: @astral-sh/ruff-wasm-nodejs is not installed.\n');
if (WRITE) writeFileSync(WRITE, `# Benchmarks\n\nCommand: \`npm run bench\` (see bench/run.ts).\n\n${text}`);
