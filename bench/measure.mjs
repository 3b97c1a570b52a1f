// One benchmark measurement in a fresh process (plain JS, so no loader skews time or memory):
//   node bench/measure.mjs floor <corpus>          bare web-tree-sitter parse + cursor walk, one thread
//   node bench/measure.mjs ours <corpus> [cli args] pysparse-lint's CLI from dist/
//   node bench/measure.mjs ruff <corpus> [rules]   Ruff's WASM build, one thread (rules: comma list, or "default")
// Prints `@@bench {"ms":…,"cpuMs":…,"maxRssKb":…}` on stderr when it ends. Time runs from the start
// of the work (loading WASM and code included); CPU time and peak RSS cover every thread.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const [kind, corpus, ...rest] = process.argv.slice(2);
const started = performance.now();
let files = 0;

function report(extra = {}) {
  const ms = Math.round(performance.now() - started);
  const usage = process.resourceUsage();
  const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
  process.stderr.write(`\n@@bench ${JSON.stringify({ kind, ms, cpuMs, maxRssKb: usage.maxRSS, files, ...extra })}\n`);
}

async function discover() {
  const { discoverFiles } = await import('../dist/engine/run/discover.js');
  return discoverFiles([corpus], { root: corpus }).files;
}

function decode(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

if (kind === 'floor') {
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
  let nodes = 0;
  for (const file of await discover()) {
    const text = decode(readFileSync(file));
    if (text === null || text.includes('\u0000')) continue;
    const tree = parser.parse(text);
    if (!tree) continue;
    const cursor = tree.walk();
    // Every node once, as the engine's copy must: the floor any tree-sitter linter pays.
    for (;;) {
      nodes++;
      void cursor.nodeTypeId;
      if (cursor.gotoFirstChild()) continue;
      let up = false;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          up = true;
          break;
        }
      }
      if (up) break;
    }
    cursor.delete();
    tree.delete();
    files++;
  }
  report({ nodes });
} else if (kind === 'ruff') {
  const ruff = require('@astral-sh/ruff-wasm-nodejs');
  const selection = rest[0] && rest[0] !== 'default' ? { lint: { select: rest[0].split(',') } } : {};
  const workspace = new ruff.Workspace(selection, ruff.PositionEncoding.Utf16);
  let diagnostics = 0;
  let failures = 0;
  for (const file of await discover()) {
    const text = decode(readFileSync(file));
    if (text === null) continue;
    try {
      diagnostics += workspace.check(text).length;
    } catch {
      failures++;
    }
    files++;
  }
  report({ diagnostics, failures, version: ruff.Workspace.version() });
} else if (kind === 'ours') {
  process.on('exit', () => report());
  process.argv = [process.argv[0], path.resolve('dist/cli/main.js'), corpus, '--no-progress', '-o', '/dev/null', ...rest];
  await import('../dist/cli/main.js');
} else {
  process.stderr.write('usage: node bench/measure.mjs floor|ours|ruff <corpus> [...]\n');
  process.exitCode = 2;
}
