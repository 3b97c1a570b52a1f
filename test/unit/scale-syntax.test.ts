// The fast tree copy: the same plain tree as web-tree-sitter's public cursor gives, whatever the input.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { loadParser, parseText } from '../../src/engine/source/parser.js';
import { stdlibDir } from '../robustness/corpus.js';
import { copyTree, copyTreePortable, NAMED_LEAF_TYPES, nodeText, TYPES_WITH_FIELDS, walk, type SyntaxNode } from '../../src/engine/source/syntax.js';

const parser = await loadParser();
const require = createRequire(import.meta.url);

/** Every difference between two copies, as readable lines (empty when equal). */
function differences(a: SyntaxNode, b: SyntaxNode): string[] {
  const out: string[] = [];
  const stack: [SyntaxNode, SyntaxNode][] = [[a, b]];
  while (stack.length > 0 && out.length < 5) {
    const [x, y] = stack.pop()!;
    for (const key of ['type', 'start', 'end', 'field', 'isNamed', 'isError', 'text'] as const) {
      if (x[key] !== y[key]) out.push(`${x.type}@${x.start}: ${key} ${JSON.stringify(x[key])} != ${JSON.stringify(y[key])}`);
    }
    if (x.children.length !== y.children.length) out.push(`${x.type}@${x.start}: ${x.children.length} != ${y.children.length} children`);
    else x.children.forEach((child, i) => stack.push([child, y.children[i]!]));
  }
  return out;
}

function bothCopies(text: string) {
  const tree = parseText(parser, text);
  try {
    return { fast: copyTree(tree, text), portable: copyTreePortable(tree, text) };
  } finally {
    tree.delete();
  }
}

const SAMPLES: Record<string, string> = {
  'functions and fields': 'import functools as ft\n\n@ft.lru_cache(maxsize=None)\ndef load(path: str, *rows, key=None, **kw) -> list[int]:\n    return [r.x for r in rows if r]\n',
  'classes, match, walrus, f-strings': 'class A(B, metaclass=M):\n    def f(self):\n        match self.x:\n            case {"k": [1, *rest]} if (n := len(rest)) > 2:\n                print(f"{n!r:>{w}} {{x}}")\n            case _:\n                pass\n',
  'operators and comparisons': 'x = not a in b and c is not d or e not in f\ny = -a ** 2 // 3 @ m\nz += 1; w: int = 2\n',
  'non-ASCII and CRLF': '# é😀 ünïcode\r\nname = "Grüße 😀"\r\nprint(name, "\\N{BULLET}", b"\\x00")\r\n',
  'syntax errors and MISSING tokens': 'def f(:\n    return [1, 2\nclass\nx = (1 +\nprint("unterminated)\n',
  'comments everywhere': 'x = [  # noqa: PSL104\n    1,  # one\n    # alone\n]\n',
  'empty file': '',
  'strings with escapes': 's = "a\\tb\\u00e9" \'\' """doc\nmore"""\n',
  'line continuation': 'x = 1 + \\\n    2\n',
  'empty calls and brackets': 'f()\nx = [] + {} + ()\ng(*[], **{})\n',
};

describe('tree copy', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    it(`matches the public-cursor copy: ${name}`, () => {
      const { fast, portable } = bothCopies(text);
      assert.equal(fast.errorCount, portable.errorCount);
      assert.deepEqual(differences(fast.root, portable.root), []);
    });
  }

  it('matches the public-cursor copy on real modules of the standard library', () => {
    const stdlib = stdlibDir();
    if (!stdlib) return; // no standard library here: the samples above still ran
    for (const module of ['argparse', 'functools', 'typing', 'email/message', 'test/test_grammar', 'lib2to3/tests/data/bom']) {
      let text: string;
      try {
        text = readFileSync(`${stdlib}/${module}.py`, 'utf8');
      } catch {
        continue;
      }
      const { fast, portable } = bothCopies(text);
      assert.deepEqual(differences(fast.root, portable.root), [], module);
    }
  });

  it('keeps every leaf and childless node with its own text', () => {
    const text = SAMPLES['functions and fields']! + SAMPLES['empty calls and brackets']!;
    const { fast } = bothCopies(text);
    walk(fast.root, (node) => {
      if (node.children.length === 0) assert.equal(node.text, text.slice(node.start, node.end), node.type);
      assert.equal(nodeText(node, text), text.slice(node.start, node.end));
    });
  });

  it('copies 10,000 nested brackets and 2,000 nested blocks without recursion', () => {
    const brackets = `x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\n`;
    const blocks = Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}if a:`).join('\n') + `\n${' '.repeat(2000)}pass\n`;
    for (const text of [brackets, blocks]) {
      const { fast, portable } = bothCopies(text);
      assert.deepEqual(differences(fast.root, portable.root), []);
    }
  });

  it('names the terminals and the parents with fields as tree-sitter-python 0.25 does', () => {
    const nodeTypes = JSON.parse(readFileSync(require.resolve('tree-sitter-python/src/node-types.json'), 'utf8')) as {
      type: string; named: boolean; fields?: Record<string, unknown>; children?: unknown; subtypes?: unknown;
    }[];
    const withFields = nodeTypes.filter((t) => t.fields && Object.keys(t.fields).length > 0).map((t) => t.type).sort();
    assert.deepEqual([...TYPES_WITH_FIELDS].sort(), withFields);
    const childless = new Set(nodeTypes.filter((t) => t.named && !t.children && !t.fields && !t.subtypes).map((t) => t.type));
    for (const type of NAMED_LEAF_TYPES) assert.ok(childless.has(type), `${type} can have children`);
  });
});
