// iteration.ts: the shared per-file index, single-pass consumers, sole reads and mutation checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chainBase, chainText, consumesInPlace, iterationIndex, mayMutate, nameOccurrences, ownerOf, referenceKind, rootChain,
  singlePassConsumer, soleRead,
} from '../../src/engine/facts/iteration.js';
import { SemanticModel } from '../../src/engine/facts/scope.js';
import { loadParser, parseText } from '../../src/engine/source/parser.js';
import { SourceText } from '../../src/engine/source/source-text.js';
import { copyTree, walk, type SyntaxNode } from '../../src/engine/source/syntax.js';
import { lintText } from '../../src/index.js';

async function parse(text: string): Promise<{ root: SyntaxNode; model: SemanticModel; text: string }> {
  const parser = await loadParser();
  const tree = parseText(parser, text);
  try {
    const { root } = copyTree(tree, text);
    const model = new SemanticModel(root, new SourceText(text), { path: 'm.py', name: 'm', isPackageInit: false });
    return { root, model, text };
  } finally {
    tree.delete();
  }
}

/** The n-th (0-based) node of `type` whose source text is `snippet`. */
function find(root: SyntaxNode, text: string, type: string, snippet: string, nth = 0): SyntaxNode {
  const found: SyntaxNode[] = [];
  walk(root, (n) => {
    if (n.type === type && text.slice(n.start, n.end) === snippet) found.push(n);
  });
  const node = found[nth];
  assert.ok(node, `no ${type} '${snippet}' #${nth}`);
  return node;
}

describe('iterationIndex', () => {
  it('is built once per tree and lists calls, loops and assignments in source order', async () => {
    const { root } = await parse('a = f(1)\nfor x in g(a):\n    b = h(x)\n');
    const index = iterationIndex(root);
    assert.equal(iterationIndex(root), index);
    assert.equal(index.calls.length, 3);
    assert.deepEqual(index.calls.map((c) => c.start), [...index.calls.map((c) => c.start)].sort((x, y) => x - y));
    assert.equal(index.forStatements.length, 1);
    assert.equal(index.assignments.length, 2);
  });

  it('groups names by the def that owns them, and a def name by the enclosing owner', async () => {
    const { root } = await parse('rows = 1\ndef load(rows):\n    return [r for r in rows]\n');
    const index = iterationIndex(root);
    const def = root.children.find((c) => c.type === 'function_definition')!;
    assert.equal(index.names.get(def)?.get('rows')?.length, 2);
    assert.equal(index.names.get(root)?.get('load')?.length, 1);
    // The module's view includes nested defs (closures may read module names).
    assert.equal(nameOccurrences(index, root, 'rows').length, 3);
  });

  it('survives 10,000 nested brackets without recursion', async () => {
    const deep = `x = ${'['.repeat(10000)}${']'.repeat(10000)}\n`;
    const { root } = await parse(deep);
    assert.ok(iterationIndex(root).assignments.length >= 0);
  });
});

describe('referenceKind', () => {
  it('tells stores, reads, deletes, augmented stores and declarations apart', async () => {
    const src = 'def f(a, *b, c=1):\n    global g\n    x, (y, z) = a\n    x += 1\n    del y\n    for i in z: pass\n    (w := x)\n    with open(a) as fh: pass\n    return w\n';
    const { root, text } = await parse(src);
    const kind = (snippet: string, nth = 0) => referenceKind(find(root, text, 'identifier', snippet, nth));
    assert.equal(kind('a'), 'store');
    assert.equal(kind('b'), 'store');
    assert.equal(kind('c'), 'store');
    assert.equal(kind('g'), 'declaration');
    assert.equal(kind('x'), 'store');
    assert.equal(kind('z'), 'store');
    assert.equal(kind('a', 1), 'load');
    assert.equal(kind('x', 1), 'augmented');
    assert.equal(kind('y', 1), 'delete');
    assert.equal(kind('i'), 'store');
    assert.equal(kind('z', 1), 'load');
    assert.equal(kind('w'), 'store');
    assert.equal(kind('fh'), 'store');
  });
});

describe('singlePassConsumer', () => {
  const consumer = async (src: string, snippet: string, type = 'call') => {
    const { root, model, text } = await parse(src);
    return singlePassConsumer(find(root, text, type, snippet), model);
  };

  it('finds loops, first comprehension iterables and consuming calls, through lazy wrappers', async () => {
    assert.equal((await consumer('for x in f.readlines(): pass\n', 'f.readlines()'))?.kind, 'for');
    assert.equal((await consumer('for i, x in enumerate(f.readlines(), start=1): pass\n', 'f.readlines()'))?.kind, 'for');
    assert.equal((await consumer('y = [a for a in g()]\n', 'g()'))?.kind, 'comprehension');
    assert.equal((await consumer('t = sum(g())\n', 'g()'))?.kind, 'call');
    assert.equal((await consumer('t = ", ".join(g())\n', 'g()'))?.kind, 'call');
    assert.equal((await consumer('out.extend(g())\n', 'g()'))?.kind, 'call');
    assert.equal((await consumer('def h():\n    yield from g()\n', 'g()'))?.kind, 'yield-from');
    assert.equal((await consumer('for p in zip(a, map(str, g())): pass\n', 'g()'))?.kind, 'for');
  });

  it('is null for anything that keeps or re-reads the value', async () => {
    assert.equal(await consumer('y = g()\n', 'g()'), null);
    assert.equal(await consumer('n = len(g())\n', 'g()'), null);
    assert.equal(await consumer('y = [a for b in c for a in g()]\n', 'g()'), null);
    assert.equal(await consumer('t = os.path.join(g())\n', 'g()'), null);
    assert.equal(await consumer('t = sum(1, g())\n', 'g()'), null);
    assert.equal(await consumer('t = sum(*g())\n', 'g()'), null);
    // A local `sum` is not the builtin.
    assert.equal(await consumer('def sum(x): return x\nt = sum(g())\n', 'g()'), null);
  });
});

describe('soleRead', () => {
  const sole = async (src: string, name: string, nth = 0) => {
    const { root, text } = await parse(src);
    const read = soleRead(iterationIndex(root), find(root, text, 'identifier', name, nth));
    return read ? text.slice(read.start, read.end) + '@' + read.start : null;
  };

  it('finds the one read of a binding', async () => {
    assert.ok(await sole('def f(c):\n    rows = c.fetchall()\n    for r in rows:\n        print(r)\n', 'rows'));
  });

  it('is null for two reads, a read in a loop the binding is outside of, a closure, or a global', async () => {
    assert.equal(await sole('def f(c):\n    rows = c.fetchall()\n    print(len(rows))\n    for r in rows: pass\n', 'rows'), null);
    assert.equal(await sole('def f(c, ks):\n    rows = c.fetchall()\n    for k in ks:\n        for r in rows: pass\n', 'rows'), null);
    assert.equal(await sole('def f(c):\n    rows = c.fetchall()\n    def g():\n        for r in rows: pass\n    return g\n', 'rows'), null);
    assert.equal(await sole('def f(c):\n    global rows\n    rows = c.fetchall()\n    for r in rows: pass\n', 'rows', 1), null);
  });

  it('stops at an unconditional rebinding, but counts what the rebinding itself reads', async () => {
    const src = 'def f(c):\n    rows = c.fetchall()\n    rows = [x for x in rows]\n    return rows\n';
    assert.ok(await sole(src, 'rows'));
    const branch = 'def f(c, flag):\n    rows = c.fetchall()\n    if flag:\n        rows = []\n    for r in rows: pass\n';
    assert.ok(await sole(branch, 'rows'));
  });

  it('gives up on a read earlier in a loop around the binding', async () => {
    const src = 'def f(c):\n    rows = []\n    while True:\n        for r in rows: pass\n        rows = c.fetchall()\n';
    assert.equal(await sole(src, 'rows', 2), null);
  });
});

describe('mayMutate', () => {
  const mutates = async (src: string, bodyOf: string, chain: string, shared: boolean) => {
    const { root, model, text } = await parse(src);
    const loop = find(root, text, 'for_statement', bodyOf);
    const body = loop.children.filter((c) => c.field === 'body');
    return mayMutate(body, chain, model, shared);
  };

  it('sees direct mutation through methods, subscripts, del, += and passing the collection on', async () => {
    const loop = (body: string) => `for k in list(d):\n    ${body}\n`;
    for (const body of ['del d[k]', 'd.pop(k)', 'd[k] = 1', 'd[k] += 1', 'evict(d, k)', 'd.clear()']) {
      assert.equal(await mutates(loop(body), loop(body).trimEnd(), 'd', false), true, body);
    }
    for (const body of ['print(d[k])', 'x = d.get(k)', 'n = len(d)']) {
      assert.equal(await mutates(loop(body), loop(body).trimEnd(), 'd', false), false, body);
    }
  });

  it('sees stores through nested subscripts and attribute prefixes', async () => {
    const a = 'for u in list(adj[n]):\n    del adj[u][n]';
    assert.equal(await mutates(a, a, 'adj', true), true);
    const b = 'for i in list(self.keys()):\n    del self._dict[i]';
    assert.equal(await mutates(b, b, 'self', true), true);
  });

  it('treats unknown calls and suspension as mutation only for shared collections', async () => {
    const a = 'for k in list(d):\n    notify(k)';
    assert.equal(await mutates(a, a, 'd', false), false);
    assert.equal(await mutates(a, a, 'd', true), true);
    const b = 'import time\nfor k in list(d):\n    t = time.time()';
    assert.equal(await mutates(b, 'for k in list(d):\n    t = time.time()', 'd', true), false);
  });

  it('finds the root chain of an access', async () => {
    const { root, text } = await parse('x = adj[u][n].attr\ny = self._dict[i]\n');
    assert.equal(rootChain(find(root, text, 'subscript', 'adj[u][n]')), 'adj');
    assert.equal(rootChain(find(root, text, 'subscript', 'self._dict[i]')), 'self._dict');
    assert.equal(ownerOf(find(root, text, 'identifier', 'x')), root);
  });
});

/** `(v1 for v1 in (v0 for v0 in rows))`, `n` deep, without the outer parentheses. */
function nestedGenerators(n: number, source = 'rows'): string {
  let text = source;
  for (let i = 0; i < n; i++) text = `(v${i} for v${i} in ${text})`;
  return text.slice(1, -1);
}

/** Lint `source` with the iteration rules: no internal error (stack overflow, rule crash) allowed. */
async function lintsCleanly(source: string): Promise<void> {
  const { notifications } = await lintText(source, { config: { select: ['PSL103', 'PSL104', 'PSL105'] } });
  assert.deepEqual(notifications.filter((n) => n.code === 'internal-error').map((n) => n.message), []);
}

describe('iteration questions on pathological nesting', () => {
  it('follows 20,000 nested generator expressions out to their consumer without recursion', async () => {
    const { root, model } = await parse(`def g(rows):\n    return sum(${nestedGenerators(20_000)})\n`);
    // The innermost generator: the one iterating `rows`.
    let inner: SyntaxNode | undefined;
    walk(root, (n) => {
      if (n.type === 'identifier' && n.text === 'rows' && n.field === 'right') inner = n;
    });
    const consumer = singlePassConsumer(inner!, model);
    assert.equal(consumer?.kind, 'comprehension');
    assert.equal(consumesInPlace(consumer!, model), true);
    const { root: kept, model: keptModel } = await parse(`def g(rows):\n    return (${nestedGenerators(20_000)})\n`);
    let keptInner: SyntaxNode | undefined;
    walk(kept, (n) => {
      if (n.type === 'identifier' && n.text === 'rows' && n.field === 'right') keptInner = n;
    });
    assert.equal(consumesInPlace(singlePassConsumer(keptInner!, keptModel)!, keptModel), false);
  });

  it('lints 10,000 nested generator expressions over an open file', async () => {
    await lintsCleanly(`def g(path):\n    with open(path) as f:\n        return sum(${nestedGenerators(10_000, 'f')})\n`);
  });

  it('lints 10,000 nested generator expressions over fetched rows', async () => {
    await lintsCleanly(`def g(cur):\n    rows = cur.fetchall()\n    return sum(${nestedGenerators(10_000)})\n`);
  });

  it('reads 10,000-link attribute, call and subscript chains', async () => {
    const { root, text } = await parse(`x = cur${'.a'.repeat(10_000)}\ny = cur${'.a()'.repeat(10_000)}\nz = adj${'[0]'.repeat(10_000)}\n`);
    const right = (name: string) => find(root, text, 'assignment', text.split('\n').find((l) => l.startsWith(`${name} =`))!).children.find((c) => c.field === 'right')!;
    assert.equal(chainText(right('x'))?.length, 'cur'.length + 2 * 10_000);
    assert.equal(chainBase(right('y'))?.text, 'cur');
    assert.equal(rootChain(right('z')), null);
    await lintsCleanly(`def f(rows):\n    return sum(${'list('.repeat(10_000)}rows${')'.repeat(10_000)})\n`);
  });

  it('lints a loop over a 10,000-call chain', async () => {
    await lintsCleanly(`def f(cur):\n    for r in cur${'.a()'.repeat(10_000)}.fetchall():\n        pass\n`);
  });
});
