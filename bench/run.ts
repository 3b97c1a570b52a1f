// `npm run bench`: pysparse-lint against the floor (a bare tree-sitter parse and walk) and Ruff's
// WASM build on the Python standard library, then on the library doubled and quadrupled.
//   npm run bench -- [--runs 3] [--sizes 1,2,4] [--write bench/RESULTS.md]
// Each figure is the median of --runs fresh processes; time from the start of the work, peak RSS
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

async function measure(name: string, kind: string, corpus: string, extra: readonly string[], before?: (run: number) => void): Promise<Row> {
  const samples: Sample[] = [];
  for (let run = 0; run < RUNS; run++) {
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

async function benchCorpus(copies: number): Promise<{ copies: number; files: number; rows: Row[] }> {
  const source = stdlibPath();
  const corpus = replicatedCorpus(source, copies);
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'pysparse-bench-cache-'));
  temporary.add(corpus.root).add(cacheDir);
  try {
    const files = corpusFiles(corpus.root);
    process.stderr.write(`corpus x${copies}: ${files.length} files\n`);
    const rows: Row[] = [];
    rows.push(await measure('bare tree-sitter parse + walk, 1 thread (floor)', 'floor', corpus.root, []));
    rows.push(await measure('pysparse-lint, all rules, 1 worker', 'ours', corpus.root, ['--jobs', '1']));
    rows.push(await measure('pysparse-lint, all rules, 2 workers', 'ours', corpus.root, ['--jobs', '2']));
    // Warm cache: prime it once, then each run edits one file first.
    const cacheArgs = ['--jobs', '2', '--cache', '--cache-location', path.join(cacheDir, 'cache.json')];
    await measureOnce('ours', corpus.root, cacheArgs);
    const touched = files.find((f) => f.endsWith(`${path.sep}functools.py`)) ?? files[0]!;
    rows.push(await measure('pysparse-lint, warm cache, one file changed (2 workers)', 'ours', corpus.root, cacheArgs, (run) => {
      appendFileSync(touched, `\n# bench edit ${run}\n`);
    }));
    if (ruffAvailable()) {
      rows.push(await measure(`Ruff WASM (${RUFF_RULES}), 1 thread`, 'ruff', corpus.root, [RUFF_RULES]));
      rows.push(await measure('Ruff WASM (default rules), 1 thread', 'ruff', corpus.root, ['default']));
    }
    return { copies, files: files.length, rows };
  } finally {
    for (const dir of [corpus.root, cacheDir]) {
      rmSync(dir, { recursive: true, force: true });
      temporary.delete(dir);
    }
  }
}

function table(result: { copies: number; files: number; rows: Row[] }): string {
  const floor = result.rows[0]!;
  const lines = [
    `Standard library ×${result.copies} (${result.files} files):`,
    '',
    '| run | wall time | ratio to floor | CPU time (all threads) | CPU ratio | peak RSS |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...result.rows.map((r) => `| ${r.name} | ${(r.ms / 1000).toFixed(2)} s | ${(r.ms / floor.ms).toFixed(2)} | ${(r.cpuMs / 1000).toFixed(2)} s | ${(r.cpuMs / floor.cpuMs).toFixed(2)} | ${r.rssMb} MB |`),
  ];
  return lines.join('\n');
}

function growth(results: readonly { copies: number; rows: Row[] }[]): string {
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
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, ${RUNS} run${RUNS === 1 ? '' : 's'} each`;
const text = [`Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; corpus: ${stdlibPath()}`, '', ...results.map(table).flatMap((t) => [t, '']), growth(results), ''].join('\n');
process.stdout.write(`\n${text}`);
if (!ruffAvailable()) process.stdout.write('\nRuff WASM not measured: @astral-sh/ruff-wasm-nodejs is not installed.\n');
if (WRITE) writeFileSync(WRITE, `# Benchmarks\n\nCommand: \`npm run bench\` (see bench/run.ts).\n\n${text}`);
