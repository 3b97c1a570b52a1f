// Loads web-tree-sitter and the Python grammar once per thread and parses text into trees.
import { createRequire } from 'node:module';
import { Language, Parser, type Tree } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

let ready: Promise<Parser> | undefined;

/**
 * The Emscripten module object web-tree-sitter fills in at `Parser.init` (its raw WASM exports):
 * syntax.ts's tree copy calls the cursor functions on it directly, skipping the per-call marshalling.
 */
export const wasmModule: Record<string, unknown> = {};

/**
 * The thread's one parser. The grammar's .wasm is resolved from this module's own location
 * (not the current folder), so the CLI works wherever the package is installed.
 */
export function loadParser(): Promise<Parser> {
  ready ??= (async () => {
    await Parser.init(wasmModule);
    const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return ready;
}

/** The size of this thread's WASM memory (it grows with the biggest tree parsed and never shrinks). */
export function wasmMemoryBytes(): number {
  const heap = wasmModule.HEAP8 as Int8Array | undefined;
  return heap?.buffer.byteLength ?? 0;
}

/** Parse text; the caller must `tree.delete()` it (WASM memory never shrinks on its own). */
export function parseText(parser: Parser, text: string): Tree {
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
