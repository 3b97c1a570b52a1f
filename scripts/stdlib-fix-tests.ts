// Do the safe fixes keep real code working? Applies `--fix` to a copy of the standard library and
// runs CPython's own tests of every module it changed, once against the original library and once
// against the fixed copy (put first on the path with PYTHONPATH), then names the test modules that
// fail only with the fixes. Not a test (it takes a few minutes): run it after changing a fix.
//
//   npm run check:stdlib-fixes            (needs a built dist/; PYSPARSE_CLI=path tests another build)
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stdlibPath } from '../bench/corpus.js';

const cli = process.env.PYSPARSE_CLI ?? path.resolve('dist/cli/main.js');
const python = 'python3';

/** Test modules of the stdlib's `test` package: `test_argparse`, `test_email` (a package). */
function testModules(stdlib: string): Set<string> {
  return new Set(readdirSync(path.join(stdlib, 'test'))
    .filter((name) => name.startsWith('test_'))
    .map((name) => name.replace(/\.py$/, '')));
}

/**
 * The test modules that exercise a changed file. Tests and their helpers map to the test module
 * that holds or imports them; library modules to `test_<top-level name>` when there is one, else
 * to the test modules that name the module (`encodings/punycode.py` → test_codecs).
 */
function testsFor(file: string, stdlib: string, modules: Set<string>): string[] {
  const parts = file.replace(/\.py$/, '').split('/');
  const top = parts[0]!;
  if (top === 'test') {
    if (modules.has(parts[1]!)) return [parts[1]!];
    return namedIn(parts.at(-1)!, stdlib, modules);
  }
  const packaged: Record<string, string> = { idlelib: 'test_idle', lib2to3: 'test_lib2to3', unittest: 'test_unittest', distutils: 'test_distutils', turtledemo: 'test_turtle' };
  if (packaged[top]) return modules.has(packaged[top]) ? [packaged[top]] : [];
  if (modules.has(`test_${top}`)) return [`test_${top}`];
  return namedIn(parts.at(-1)!, stdlib, modules);
}

/** Test modules (single files only, for speed) whose text names `word`. */
function namedIn(word: string, stdlib: string, modules: Set<string>): string[] {
  const pattern = new RegExp(`\\b${word}\\b`);
  return [...modules].filter((name) => {
    const file = path.join(stdlib, 'test', `${name}.py`);
    return existsSync(file) && pattern.test(readFileSync(file, 'utf8'));
  });
}

/** The test modules that fail (or crash) in a `python -m test` run. */
function failingTests(tests: readonly string[], pythonPath: string | null): Set<string> {
  const env = { ...process.env, ...(pythonPath ? { PYTHONPATH: pythonPath } : {}) };
  const result = spawnSync(python, ['-m', 'test', '-j2', ...tests], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const failed = new Set<string>();
  let inList = false;
  for (const line of result.stdout.split('\n')) {
    if (/^\d+ tests? (failed|crashed|altered the execution environment)/.test(line)) inList = /failed|crashed/.test(line);
    else if (inList && line.startsWith('    ')) for (const name of line.trim().split(/\s+/)) failed.add(name);
    else if (line.trim() === '') continue;
    else inList = false;
  }
  return failed;
}

const stdlib = stdlibPath();
const copy = mkdtempSync(path.join(tmpdir(), 'pysparse-stdlib-fix-'));
try {
  cpSync(stdlib, copy, { recursive: true, filter: (source) => !source.includes('__pycache__') && !source.includes('site-packages') });
  execFileSync('git', ['init', '-q'], { cwd: copy });
  execFileSync('git', ['add', '-A'], { cwd: copy });
  execFileSync('git', ['-c', 'user.name=check', '-c', 'user.email=check@invalid', 'commit', '-qm', 'original'], { cwd: copy });
  spawnSync(process.execPath, [cli, '.', '--fix', '--no-progress', '--format', 'concise', '-o', '/dev/null'], { cwd: copy, stdio: 'inherit' });
  const changed = execFileSync('git', ['diff', '--name-only'], { cwd: copy, encoding: 'utf8' }).split('\n').filter(Boolean);
  const modules = testModules(stdlib);
  const tests = [...new Set(changed.flatMap((file) => testsFor(file, stdlib, modules)))].sort();
  console.log(`${changed.length} files fixed; their tests: ${tests.join(' ') || '(none found)'}`);
  const before = failingTests(tests, null);
  const after = failingTests(tests, copy);
  const broken = [...after].filter((name) => !before.has(name));
  console.log(`failing before the fixes: ${[...before].join(' ') || 'none'}`);
  console.log(`failing only after the fixes: ${broken.join(' ') || 'none'}`);
  if (broken.length > 0) {
    console.log(`to look: cd ${copy} && git diff; PYTHONPATH=${copy} ${python} -m test -v ${broken.join(' ')}`);
    process.exitCode = 1;
  }
} finally {
  if (process.exitCode !== 1) rmSync(copy, { recursive: true, force: true });
}
