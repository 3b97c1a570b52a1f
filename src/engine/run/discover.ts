// File discovery: *.py/*.pyi under the given paths, minus tool folders, excludes and .gitignore.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { Notification } from '../types.js';

/** Folders no one wants linted: VCS, virtualenvs, caches, build output, installed packages. */
export const DEFAULT_EXCLUDED_DIRS = [
  '.git', '.hg', '.svn', 'node_modules', '.venv', 'venv', '__pycache__', 'build', 'dist', '.tox',
  '.nox', 'site-packages', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.eggs',
];

export interface DiscoverOptions {
  /** Folder that relative paths and `exclude` globs are relative to. */
  readonly root: string;
  readonly exclude?: readonly string[];
  readonly respectGitignore?: boolean;
}

export interface DiscoveredFiles {
  /** Absolute paths, sorted, without duplicates. */
  readonly files: readonly string[];
  readonly notifications: readonly Notification[];
}

export function discoverFiles(paths: readonly string[], options: DiscoverOptions): DiscoveredFiles {
  const files = new Set<string>();
  const notifications: Notification[] = [];
  const isExcluded = picomatch([...(options.exclude ?? [])], { dot: true });
  const gitignores = new GitignoreStack();
  const respectGitignore = options.respectGitignore ?? true;
  for (const given of paths.length > 0 ? paths : ['.']) {
    const absolute = path.resolve(options.root, given);
    let stat;
    try {
      stat = statSync(absolute);
    } catch (error) {
      notifications.push({
        level: 'error', code: 'path-not-found', file: given,
        message: `${given}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      });
      continue;
    }
    if (stat.isFile()) {
      // An explicit file is always linted, whatever its name or the ignore rules say.
      files.add(absolute);
      continue;
    }
    const found = fg.sync(['**/*.py', '**/*.pyi'], {
      cwd: absolute,
      absolute: true,
      dot: true,
      followSymbolicLinks: false,
      suppressErrors: true,
      ignore: DEFAULT_EXCLUDED_DIRS.map((d) => `**/${d}/**`),
    });
    for (const file of found) {
      const relative = toPosix(path.relative(options.root, file));
      if (isExcluded(relative)) continue;
      if (respectGitignore && gitignores.ignores(file, absolute)) continue;
      files.add(file);
    }
  }
  return { files: [...files].sort(), notifications };
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** `.gitignore` files from each folder up to the repository top, read once each. */
class GitignoreStack {
  private readonly perDir = new Map<string, Ignore | null>();

  /**
   * Whether `file`, found below the folder the user named (`givenDir`), is ignored. A
   * .gitignore above `givenDir` that ignores `givenDir` itself is not applied: naming an
   * ignored folder on the command line means "lint it anyway" (as ripgrep does).
   */
  ignores(file: string, givenDir: string): boolean {
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      const matcher = this.matcherFor(dir);
      if (matcher && !(isStrictlyAbove(dir, givenDir) && matcher.ignores(`${toPosix(path.relative(dir, givenDir))}/`))) {
        if (matcher.ignores(toPosix(path.relative(dir, file)))) return true;
      }
      if (existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) return false;
    }
  }

  private matcherFor(dir: string): Ignore | null {
    if (!this.perDir.has(dir)) {
      let matcher: Ignore | null = null;
      try {
        matcher = ignore().add(readFileSync(path.join(dir, '.gitignore'), 'utf8'));
      } catch {
        matcher = null;
      }
      this.perDir.set(dir, matcher);
    }
    return this.perDir.get(dir)!;
  }
}

function isStrictlyAbove(dir: string, other: string): boolean {
  const relative = path.relative(dir, other);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
