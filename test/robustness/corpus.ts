// Real Python for the scale and robustness tests: the standard library when python3 is there,
// else the repository's own fixtures; and a small mixed project copied into a temp folder.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const testDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

let stdlib: string | null | undefined;

/** The standard library folder of python3 (PYSPARSE_STDLIB wins), or null when there is none. */
export function stdlibDir(): string | null {
  if (stdlib === undefined) {
    stdlib = process.env.PYSPARSE_STDLIB ?? null;
    if (stdlib === null) {
      try {
        stdlib = execFileSync('python3', ['-c', "import sysconfig;print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8', timeout: 10_000 }).trim();
      } catch {
        stdlib = null;
      }
    }
    if (stdlib !== null && !existsSync(path.join(stdlib, 'functools.py'))) stdlib = null;
  }
  return stdlib;
}

/** Python files to draw from: the standard library's, else every fixture under test/. */
export function seedFiles(): string[] {
  const root = stdlibDir();
  const out: string[] = [];
  const stack = [root ?? testDir];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['site-packages', '__pycache__', 'node_modules'].includes(entry.name)) stack.push(full);
      } else if (entry.isFile() && entry.name.endsWith('.py')) {
        out.push(full);
      }
    }
  }
  return out.sort();
}

/** Standard-library packages and modules the sample project copies (each where present). */
const SAMPLE_PARTS = ['json', 'logging', 'concurrent', 'functools.py', 'opcode.py', 'difflib.py', 'modulefinder.py', 'string.py'];

/**
 * A temp folder with a realistic project: a slice of the standard library (packages, relative
 * imports, findings of file and project rules), plus a file with a syntax error, a binary file
 * and a Latin-1 file with a coding cookie. Falls back to the fixtures when there is no stdlib.
 */
export function sampleProject(): { root: string; remove: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'pysparse-sample-'));
  const source = stdlibDir();
  if (source) {
    for (const part of SAMPLE_PARTS) {
      const from = path.join(source, part);
      if (existsSync(from)) cpSync(from, path.join(root, part), { recursive: true, filter: (f) => !f.includes('__pycache__') });
    }
  } else {
    cpSync(path.join(testDir, 'cases'), path.join(root, 'cases'), { recursive: true });
  }
  mkdirSync(path.join(root, 'broken'), { recursive: true });
  writeFileSync(path.join(root, 'broken', 'syntax.py'), 'import json\n\ndef load(path:\n    return json.load(open(path))\n\nrows = [r for r in range(10)]\ntotal = sum([r for r in rows])\n');
  writeFileSync(path.join(root, 'broken', 'blob.py'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00]));
  writeFileSync(path.join(root, 'broken', 'legacy.py'), Buffer.concat([
    Buffer.from('# -*- coding: latin-1 -*-\nGREETING = "gr'), Buffer.from([0xfc]), Buffer.from('\u00df"\nnames = sum([len(n) for n in GREETING.split()])\n', 'latin1'),
  ]));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Bytes of every file under `dir`, for checking that a run left them alone. */
export function snapshotTree(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else out.set(full, statSync(full).size);
    }
  }
  return out;
}
