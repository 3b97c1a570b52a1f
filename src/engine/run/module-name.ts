// Dotted module names from file paths: climb while the folder is a package (has __init__.py).
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ModuleInfo } from '../facts/types.js';

/**
 * `src/pkg/sub/mod.py` with `pkg/__init__.py` and `pkg/sub/__init__.py` → `pkg.sub.mod`; this is
 * also why src-layout works without configuration. A file outside any package is its own stem.
 */
export function moduleInfoFor(absolutePath: string, relativePath: string, isPackageDir = defaultIsPackageDir): ModuleInfo {
  const base = path.basename(absolutePath).replace(/\.pyi?$/, '');
  const isPackageInit = base === '__init__';
  const parts = isPackageInit ? [] : [base];
  let dir = path.dirname(absolutePath);
  while (isPackageDir(dir)) {
    parts.unshift(path.basename(dir));
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return { path: relativePath, name: parts.join('.') || base, isPackageInit };
}

const packageDirs = new Map<string, boolean>();
function defaultIsPackageDir(dir: string): boolean {
  let known = packageDirs.get(dir);
  if (known === undefined) {
    known = existsSync(path.join(dir, '__init__.py')) || existsSync(path.join(dir, '__init__.pyi'));
    packageDirs.set(dir, known);
  }
  return known;
}
