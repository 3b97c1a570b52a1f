// Shared by fix-runtime.test.ts and bench/fix-memory.ts: find the runtime programs, stage
// copies of them in temp folders, run the CLI and python3 on them.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIX_RUNTIME_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(FIX_RUNTIME_DIR, '..', '..');

/** The built CLI; `PYSPARSE_CLI` points the test and the bench at another build. */
export function cliPath(): string {
  const override = process.env.PYSPARSE_CLI;
  return override ? path.resolve(override) : path.join(REPO_ROOT, 'dist', 'cli', 'main.js');
}

export type ProgramKind = 'safe' | 'hazard';

export interface Program {
  readonly name: string;
  readonly kind: ProgramKind;
  /** Absolute path of the `.py` file, or of the package folder (which holds `main.py`). */
  readonly source: string;
  readonly isPackage: boolean;
}

/** A program copied into a folder of its own: `root` is what the CLI is pointed at. */
export interface Staged {
  readonly root: string;
  /** Absolute path of the script to run (`<root>/<name>.py` or `<root>/main.py`). */
  readonly entry: string;
}

const SKIP_DIRS = new Set(['__pycache__', '.pysparse-cache']);

export function listPrograms(kind: ProgramKind): Program[] {
  const dir = path.join(FIX_RUNTIME_DIR, kind);
  const programs: Program[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
    const source = path.join(dir, name);
    if (statSync(source).isDirectory()) {
      if (!existsSync(path.join(source, 'main.py'))) throw new Error(`${source}: a program folder needs a main.py`);
      programs.push({ name, kind, source, isPackage: true });
    } else if (name.endsWith('.py')) {
      programs.push({ name: name.slice(0, -3), kind, source, isPackage: false });
    }
  }
  return programs;
}

export function stageProgram(program: Program, root: string): Staged {
  mkdirSync(root, { recursive: true });
  if (program.isPackage) {
    cpSync(program.source, root, { recursive: true, filter: (src) => !SKIP_DIRS.has(path.basename(src)) });
    return { root, entry: path.join(root, 'main.py') };
  }
  const entry = path.join(root, path.basename(program.source));
  cpSync(program.source, entry);
  return { root, entry };
}

/** Relative path → bytes of every `.py` file under `root`. */
export function snapshotPython(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full);
      } else if (entry.name.endsWith('.py')) {
        files.set(path.relative(root, full).split(path.sep).join('/'), readFileSync(full));
      }
    }
  };
  walk(root);
  return files;
}

/** Files whose bytes differ, or that exist on one side only. */
export function changedFiles(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].sort().filter((name) => {
    const a = before.get(name);
    const b = after.get(name);
    return a === undefined || b === undefined || !a.equals(b);
  });
}

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
      });
    });
  });
}

/** Runs the CLI on `target` with `flags`. Exit 0/1 is a normal run; anything else throws. */
export async function runFix(target: string, flags: readonly string[], cwd: string): Promise<RunResult> {
  const result = await run(process.execPath, [cliPath(), ...flags, target], { cwd, timeoutMs: 300_000 });
  if (result.code !== 0 && result.code !== 1) {
    throw new Error(
      `pysparse-lint ${flags.join(' ')} ${target} failed (exit ${result.code}, signal ${result.signal}` +
        `${result.timedOut ? ', timed out' : ''})\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
  }
  return result;
}

/** Environment for python3: no bytecode next to the sources, fixed hash seed. */
export function pythonEnv(pycachePrefix?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONHASHSEED: '0' };
  if (pycachePrefix) env.PYTHONPYCACHEPREFIX = pycachePrefix;
  return env;
}

export function runProgram(staged: Staged, n: number, timeoutMs = 120_000): Promise<RunResult> {
  return run('python3', [path.basename(staged.entry), String(n)], {
    cwd: path.dirname(staged.entry),
    env: pythonEnv(),
    timeoutMs,
  });
}

export function hasPython3(): boolean {
  const r = spawnSync('python3', ['--version'], { stdio: 'ignore', timeout: 30_000 });
  return r.status === 0;
}
