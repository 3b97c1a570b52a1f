// The benchmark corpus: the standard library of the python3 on PATH, and n-fold copies of it.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { discoverFiles } from '../src/engine/run/discover.js';

let stdlib: string | undefined;

/** `sysconfig.get_paths()['stdlib']` of python3, or PYSPARSE_BENCH_CORPUS when set. */
export function stdlibPath(): string {
  stdlib ??= process.env.PYSPARSE_BENCH_CORPUS
    ?? execFileSync('python3', ['-c', "import sysconfig;print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
  return stdlib;
}

/** The files a run over `root` lints (the same discovery as the CLI). */
export function corpusFiles(root: string): readonly string[] {
  return discoverFiles([root], { root }).files;
}

/**
 * A temporary folder holding `copies` copies of the corpus's Python files (copy-1/, copy-2/, …),
 * each laid out as the original (packages stay packages). Call `remove()` when done.
 */
export function replicatedCorpus(root: string, copies: number): { root: string; remove: () => void } {
  const top = mkdtempSync(path.join(tmpdir(), `pysparse-bench-x${copies}-`));
  const files = corpusFiles(root);
  for (let copy = 1; copy <= copies; copy++) {
    const target = path.join(top, `copy-${copy}`);
    for (const file of files) {
      const destination = path.join(target, path.relative(root, file));
      const dir = path.dirname(destination);
      if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
      cpSync(file, destination);
    }
  }
  return { root: top, remove: () => rmSync(top, { recursive: true, force: true }) };
}
