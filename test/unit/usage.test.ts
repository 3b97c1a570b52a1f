// usage.ts: how a value is used (single-pass or not), through locals, loops, calls and returns.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SemanticModel } from '../../src/engine/facts/scope.js';
import {
  buildUsageIndex, isRepeated, isSinglePass, usageOfExpression, usageOfParameter, type Use,
} from '../../src/engine/facts/usage.js';
import { loadParser, parseText } from '../../src/engine/source/parser.js';
import { SourceText } from '../../src/engine/source/source-text.js';
import { copyTree, walk, type SyntaxNode } from '../../src/engine/source/syntax.js';

async function parse(text: string): Promise<{ root: SyntaxNode; model: SemanticModel }> {
  const parser = await loadParser();
  const tree = parseText(parser, text);
  try {
    const { root } = copyTree(tree, text);
    return { root, model: new SemanticModel(root, new SourceText(text), { path: 'm.py', name: 'm', isPackageInit: false }) };
  } finally {
    tree.delete();
  }
}

/** The first call whose callee is `name`. */
function callOf(root: SyntaxNode, text: string, name: string): SyntaxNode {
  let found: SyntaxNode | undefined;
  walk(root, (n) => {
    if (found) return false;
    if (n.type === 'call' && text.slice(n.children[0]!.start, n.children[0]!.end) === name) found = n;
    return undefined;
  });
  assert.ok(found, `no call of ${name}`);
  return found;
}

function functionNamed(root: SyntaxNode, name: string): SyntaxNode {
  let found: SyntaxNode | undefined;
  walk(root, (n) => {
    if (n.type === 'function_definition' && n.children.find((c) => c.field === 'name')?.text === name) found = n;
  });
  assert.ok(found, `no def ${name}`);
  return found;
}

async function useOfCall(source: string, callee: string): Promise<Use> {
  const { root, model } = await parse(source);
  return usageOfExpression(buildUsageIndex(model), callOf(root, source, callee));
}

async function useOfParam(source: string, fn: string, param: string): Promise<Use> {
  const { root, model } = await parse(source);
  return usageOfParameter(buildUsageIndex(model), functionNamed(root, fn), param);
}

function kind(use: Use): string {
  return use.kind === 'single-pass' ? `single-pass:${use.how}` : use.kind;
}

describe('usageOfExpression', () => {
  it('sees for loops, comprehensions, consumers and yield from as single-pass', async () => {
    assert.equal(kind(await useOfCall('for r in load():\n    pass\n', 'load')), 'single-pass:for');
    assert.equal(kind(await useOfCall('xs = [r.id for r in load()]\n', 'load')), 'single-pass:comprehension');
    assert.equal(kind(await useOfCall('t = sum(load())\n', 'load')), 'single-pass:sum');
    assert.equal(kind(await useOfCall('s = ", ".join(load())\n', 'load')), 'single-pass:.join');
    assert.equal(kind(await useOfCall('out.extend(load())\n', 'load')), 'single-pass:.extend');
    assert.equal(kind(await useOfCall('def g():\n    yield from load()\n', 'load')), 'single-pass:yield from');
    assert.equal(kind(await useOfCall('rows = sorted(load(), key=len)\n', 'load')), 'single-pass:sorted');
  });

  it('looks through lazy wrappers and await', async () => {
    assert.equal(kind(await useOfCall('for i, r in enumerate(load()):\n    pass\n', 'load')), 'single-pass:for');
    assert.equal(kind(await useOfCall('n = list(map(str, load()))\n', 'load')), 'single-pass:list');
    assert.equal(kind(await useOfCall('async def f():\n    for r in await load():\n        pass\n', 'load')), 'single-pass:for');
  });

  it('marks only set-like consumers as order-insensitive', async () => {
    const a = await useOfCall('ok = any(load())\n', 'load');
    const b = await useOfCall('for r in load():\n    pass\n', 'load');
    assert.ok(a.kind === 'single-pass' && a.orderInsensitive);
    assert.ok(b.kind === 'single-pass' && !b.orderInsensitive);
  });

  it('follows a local read once, and rejects one read twice, by len, or in a loop', async () => {
    assert.equal(kind(await useOfCall('def f():\n    rows = load()\n    for r in rows:\n        pass\n', 'load')), 'single-pass:for');
    assert.equal(kind(await useOfCall('def f():\n    rows = load()\n    for r in rows:\n        pass\n    print(len(rows))\n', 'load')), 'other');
    assert.equal(kind(await useOfCall('def f(xs):\n    codes = load()\n    for x in xs:\n        for c in codes:\n            pass\n', 'load')), 'other');
    assert.equal(kind(await useOfCall('def f():\n    rows = load()\n    if not rows:\n        return\n    for r in rows:\n        pass\n', 'load')), 'other');
  });

  it('sees a rebinding end the value: `rows = f(rows)` reads the old value once', async () => {
    const use = await useOfCall('def f():\n    rows = load()\n    rows = clean(rows)\n    for r in rows:\n        pass\n', 'load');
    assert.equal(use.kind, 'passed');
  });

  it('reports arguments of unknown calls as passed, and returns as returned', async () => {
    const passed = await useOfCall('save(load(), out)\n', 'load');
    assert.ok(passed.kind === 'passed' && passed.index === 0 && passed.keyword === null);
    const kw = await useOfCall('save(out, rows=load())\n', 'load');
    assert.ok(kw.kind === 'passed' && kw.index === -1 && kw.keyword === 'rows');
    assert.equal(kind(await useOfCall('def f():\n    return load()\n', 'load')), 'returned');
  });

  it('treats indexing, truthiness, discarding, storing and unpacking as other', async () => {
    for (const source of ['x = load()[0]\n', 'if load():\n    pass\n', 'load()\n', 'self.rows = load()\n', 'a, b = load()\n', 'n = len(load())\n']) {
      assert.equal(isSinglePass(await useOfCall(source, 'load')), false, source);
    }
  });

  it('follows a walrus only when the name is not read again', async () => {
    assert.equal(kind(await useOfCall('def f():\n    for r in (rows := load()):\n        pass\n', 'load')), 'single-pass:for');
    assert.equal(kind(await useOfCall('def f():\n    for r in (rows := load()):\n        pass\n    return len(rows)\n', 'load')), 'other');
  });

  it('rejects a local read from a nested function', async () => {
    assert.equal(kind(await useOfCall('def f():\n    rows = load()\n    def g():\n        return [r for r in rows]\n    return g\n', 'load')), 'other');
  });
});

describe('usageOfParameter', () => {
  it('is single-pass for one loop, one comprehension or one consumer', async () => {
    assert.equal(kind(await useOfParam('def f(rows):\n    for r in rows:\n        print(r)\n', 'f', 'rows')), 'single-pass:for');
    assert.equal(kind(await useOfParam('def f(rows):\n    return [r.id for r in rows]\n', 'f', 'rows')), 'single-pass:comprehension');
    assert.equal(kind(await useOfParam('def f(rows):\n    rows = list(rows)\n    return rows[0], rows[-1]\n', 'f', 'rows')), 'single-pass:list');
  });

  it('is other when returned, read twice, read in a loop, or reassigned in a branch', async () => {
    assert.equal(kind(await useOfParam('def f(rows):\n    return rows\n', 'f', 'rows')), 'other');
    assert.equal(kind(await useOfParam('def f(rows):\n    a = sum(rows)\n    return a / len(rows)\n', 'f', 'rows')), 'other');
    assert.equal(kind(await useOfParam('def f(rows, keys):\n    for k in keys:\n        for r in rows:\n            pass\n', 'f', 'rows')), 'other');
    assert.equal(kind(await useOfParam('def f(rows, c):\n    if c:\n        rows = []\n    for r in rows:\n        pass\n', 'f', 'rows')), 'other');
  });

  it('passes the parameter on to another call', async () => {
    const use = await useOfParam('def f(rows):\n    return g(rows)\n', 'f', 'rows');
    assert.ok(use.kind === 'passed' && use.index === 0);
  });
});

describe('isRepeated', () => {
  it('knows the first iterable of a comprehension runs once and the rest per item', async () => {
    const source = 'def f(a, b):\n    return [x for x in a for y in b]\n';
    const { root } = await parse(source);
    const fn = functionNamed(root, 'f');
    const reads: SyntaxNode[] = [];
    walk(fn, (n) => {
      if (n.type === 'identifier' && (n.text === 'a' || n.text === 'b') && n.parent?.type === 'for_in_clause') reads.push(n);
    });
    assert.equal(isRepeated(reads.find((r) => r.text === 'a')!, fn), false);
    assert.equal(isRepeated(reads.find((r) => r.text === 'b')!, fn), true);
  });
});

describe('buildUsageIndex on deep nesting', () => {
  it('indexes 20,000 nested comprehensions, hiding only their own names', async () => {
    const depth = 20_000;
    const source = `vs = [1]\nx = ${'['.repeat(depth)}v${' for v in vs]'.repeat(depth)}\n`;
    const { model } = await parse(source);
    const index = buildUsageIndex(model);
    // Each comprehension binds `v`; `vs` is a module name read once per level.
    assert.equal(index.module.loads.get('vs')?.length, depth);
    assert.equal(index.module.loads.get('v'), undefined);
  });

  it('unbinds a comprehension name after the comprehension', async () => {
    const { model } = await parse('def f(rows, r):\n    a = [r for r in rows]\n    return r\n');
    const index = buildUsageIndex(model);
    const body = [...index.bodies.values()].find((b) => b.kind === 'function')!;
    assert.equal(body.loads.get('r')?.length, 1);
  });
});
