// The per-file cache (`--cache`): each file's facts and file-level findings, keyed by the file's
// content hash, the tool's code and version, and the configuration that shapes them. The link step
// always re-runs on the cached facts, so changing one file re-analyses that file only.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writevSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileAnalysis } from './analyze-file.js';
import type { Notification } from '../types.js';
import type { ModuleInfo } from '../facts/types.js';

export const CACHE_FORMAT = 'pysparse-lint-cache';
export const CACHE_VERSION = 2;
/** The default cache folder, relative to the run's root (ignored by the repository's .gitignore). */
export const DEFAULT_CACHE_DIR = '.pysparse-cache';
/** Marks a folder as ours: a `--cache-location` without it (a file, or someone else's folder) is never written to. */
const TAG_FILE = 'CACHEDIR.TAG';
const TAG = 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by pysparse-lint.\n';

/** A cached analysis: everything but the text (re-read on demand) and where the file is. */
export type CachedAnalysis = Omit<FileAnalysis, 'path' | 'absolutePath' | 'source'>;

/** What an entry file holds, after its first line (the sha256 of the rest). */
interface CacheEntry {
  readonly path: string;
  /** Content hash of the file the analysis was made from. */
  readonly hash: string;
  readonly module: string;
  readonly analysis: CachedAnalysis;
}

/** The cache folder for `--cache-location` (relative to `root`), or the default one under `root`. */
export function cacheDirPath(root: string, location?: string): string {
  return path.resolve(root, location === undefined || location === '' ? DEFAULT_CACHE_DIR : location);
}

/**
 * The per-file cache: a folder with one entry file per linted file, under a subfolder named after
 * the fingerprint (tool code and version + configuration), so a change of either starts afresh.
 * Entries are read when their file is looked up and written as analyses arrive: no run reads or
 * writes more than the files it lints, and no entry is trusted unless its checksum matches.
 */
export class FileCache {
  private readonly entriesDir: string;
  private damaged = 0;
  private writeProblem: string | null = null;
  private usable: boolean;
  private readonly warnings: Notification[] = [];

  private constructor(readonly dir: string, readonly fingerprint: string) {
    this.entriesDir = path.join(dir, `v${CACHE_VERSION}-${fingerprint.slice(0, 24)}`);
    this.usable = true;
  }

  /**
   * Open (or create) the cache folder `dir` for a run with this fingerprint. A path that is a file,
   * or a folder pysparse-lint did not make, is left alone with a warning: the run goes on uncached.
   */
  static open(dir: string, fingerprint: string): { cache: FileCache; warning?: Notification } {
    const cache = new FileCache(dir, fingerprint);
    const refuse = (reason: string) => {
      cache.usable = false;
      return { cache, warning: { level: 'warning', code: 'cache-ignored', message: `cache location ${dir} ${reason}: ignored, the run is not cached` } as Notification };
    };
    let stat;
    try {
      stat = statSync(dir);
    } catch {
      return { cache }; // made on the first write
    }
    if (!stat.isDirectory()) return refuse('is not a pysparse-lint cache folder (it is a file)');
    if (!existsSync(path.join(dir, TAG_FILE))) {
      let empty = false;
      try {
        empty = readdirSync(dir).length === 0;
      } catch {
        /* unreadable: not ours */
      }
      if (!empty) return refuse('is not a pysparse-lint cache folder');
    }
    return { cache };
  }

  /** The cached analysis of `filePath` when its content and module are unchanged. */
  get(filePath: string, hash: string, module: ModuleInfo): CachedAnalysis | undefined {
    if (!this.usable) return undefined;
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.entryFile(filePath));
    } catch {
      return undefined;
    }
    const entry = parseEntry(bytes);
    if (!entry || entry.path !== filePath) {
      this.damaged++;
      return undefined;
    }
    return entry.hash === hash && entry.module === moduleKey(module) ? entry.analysis : undefined;
  }

  /**
   * Remember an analysis (`json`: its JSON text, when the caller has it already). Failures that
   * may pass — internal errors, time-outs, unreadable files — are never cached.
   */
  set(analysis: FileAnalysis, module: ModuleInfo, json?: string): void {
    if (!this.usable || !analysis.contentHash || !isCacheable(analysis)) return;
    if (json === undefined) {
      const { path: _path, absolutePath: _absolute, source: _source, ...rest } = analysis;
      json = JSON.stringify(rest);
    }
    // Written as buffers: no second copy of a large analysis on the JS heap.
    const parts = [
      Buffer.from(`{"path":${JSON.stringify(analysis.path)},"hash":${JSON.stringify(analysis.contentHash)},"module":${JSON.stringify(moduleKey(module))},"analysis":`),
      Buffer.from(json, 'utf8'),
      Buffer.from('}'),
    ];
    const checksum = createHash('sha256');
    for (const part of parts) checksum.update(part);
    const file = this.entryFile(analysis.path);
    const temp = `${file}.${process.pid}.tmp`;
    try {
      if (!existsSync(this.entriesDir)) this.createFolders();
      const fd = openSync(temp, 'w');
      try {
        writevSync(fd, [Buffer.from(`${checksum.digest('hex')}\n`), ...parts]);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, file);
    } catch (error) {
      try { unlinkSync(temp); } catch { /* nothing was written */ }
      this.writeProblem ??= (error as Error).message;
    }
  }

  /**
   * End of run: remove the folders of other fingerprints (older tool or configuration), and report
   * what went wrong, if anything, as warnings.
   */
  save(): Notification[] {
    const out = [...this.warnings];
    if (this.damaged > 0) {
      out.push({ level: 'warning', code: 'cache-ignored', message: `${this.damaged} damaged cache entr${this.damaged === 1 ? 'y' : 'ies'} in ${this.dir} ignored (the files were analysed again)` });
    }
    if (this.writeProblem) out.push({ level: 'warning', code: 'cache-not-written', message: `cache ${this.dir} not written: ${this.writeProblem}` });
    if (this.usable && existsSync(this.entriesDir)) {
      for (const name of readdirSync(this.dir)) {
        if (/^v\d+-[0-9a-f]+$/.test(name) && path.join(this.dir, name) !== this.entriesDir) {
          try { rmSync(path.join(this.dir, name), { recursive: true, force: true }); } catch { /* another run may hold it */ }
        }
      }
    }
    return out;
  }

  private entryFile(filePath: string): string {
    return path.join(this.entriesDir, `${sha256(filePath).slice(0, 32)}.json`);
  }

  private createFolders(): void {
    mkdirSync(this.entriesDir, { recursive: true });
    // Like Ruff's cache folder: ignored by git and by backup tools, wherever it is.
    if (!existsSync(path.join(this.dir, TAG_FILE))) {
      writeFileSync(path.join(this.dir, '.gitignore'), '# Created by pysparse-lint\n*\n');
      writeFileSync(path.join(this.dir, TAG_FILE), TAG);
    }
  }
}

/** An entry file: `<sha256 of the rest>\n<JSON>`; null unless the checksum and the shape hold. */
function parseEntry(bytes: Buffer): CacheEntry | null {
  const newline = bytes.indexOf(10);
  if (newline !== 64) return null;
  const body = bytes.subarray(newline + 1);
  if (hashContent(body) !== bytes.toString('latin1', 0, 64)) return null;
  let entry: unknown;
  try {
    entry = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  return isEntry(entry) ? entry : null;
}

function moduleKey(module: ModuleInfo): string {
  return `${module.name}${module.isPackageInit ? '/__init__' : ''}`;
}

function isCacheable(analysis: FileAnalysis): boolean {
  return !analysis.notifications.some((n) => n.code === 'internal-error' || n.code === 'file-timeout' || n.code === 'unreadable-file');
}

function isEntry(value: unknown): value is CacheEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  const analysis = entry.analysis as Record<string, unknown> | null | undefined;
  return typeof entry.path === 'string' && typeof entry.hash === 'string' && typeof entry.module === 'string'
    && typeof analysis === 'object' && analysis !== null
    && (analysis.facts === null || (typeof analysis.facts === 'object' && !Array.isArray(analysis.facts)))
    && Array.isArray(analysis.findings) && Array.isArray(analysis.notifications)
    && typeof analysis.suppressions === 'object' && analysis.suppressions !== null
    && typeof analysis.syntaxErrorCount === 'number';
}

/** Hash of a file's bytes: the content part of cache keys, and how a re-read is checked. */
export function hashContent(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

let engineCode: string | undefined;

/**
 * The tool's version plus a hash of every file of its code (built-in rules included): a rebuilt
 * or upgraded tool never reads a cache or a shard an older one wrote. Contents, not dates, so
 * every CI job that builds the same commit agrees.
 */
export function engineFingerprint(): string {
  if (engineCode === undefined) {
    const codeRoot = fileURLToPath(new URL('../../', import.meta.url));
    const hash = createHash('sha256');
    try {
      const pkg = JSON.parse(readFileSync(path.join(codeRoot, '..', 'package.json'), 'utf8')) as { version?: string };
      hash.update(`version ${pkg.version ?? '?'}\n`);
    } catch {
      hash.update('version ?\n');
    }
    const files = (readdirSync(codeRoot, { recursive: true }) as string[])
      .filter((f) => /\.(js|ts|mjs|cjs)$/.test(f) && !f.endsWith('.d.ts'))
      .map((f) => f.split(path.sep).join('/'))
      .sort();
    for (const file of files) {
      hash.update(`${file}\n`);
      try {
        hash.update(readFileSync(path.join(codeRoot, file)));
      } catch {
        hash.update('(gone)');
      }
    }
    engineCode = hash.digest('hex');
  }
  return engineCode;
}

/** Everything that shapes a file's analysis besides its content: hashed into the cache's fingerprint. */
export function cacheFingerprint(parts: {
  readonly ruleCodes: readonly string[];
  readonly settings: ReadonlyMap<string, unknown>;
  readonly maxFileBytes?: number;
  readonly plugins: readonly string[];
}): string {
  const plugins = parts.plugins.map((file) => {
    try {
      const stat = statSync(file);
      return `${file} ${stat.size} ${stat.mtimeMs}`;
    } catch {
      return `${file} gone`;
    }
  });
  const settings = [...parts.ruleCodes].sort().map((code) => [code, parts.settings.get(code) ?? null]);
  return sha256(JSON.stringify({ engine: engineFingerprint(), rules: settings, maxFileBytes: parts.maxFileBytes ?? null, plugins }));
}
