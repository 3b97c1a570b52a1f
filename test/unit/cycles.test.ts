// Reference-cycle facts (per-function holds-graphs) and the link step that finds the cycles.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectFileFacts } from '../../src/engine/facts/collect.js';
import type { FunctionCycleFacts } from '../../src/engine/facts/cycle-types.js';
import type { FileFacts, ModuleInfo } from '../../src/engine/facts/types.js';
import { analyzeReferenceCycles, stronglyConnected } from '../../src/engine/link/cycles.js';
import { linkProject } from '../../src/engine/link/link.js';
import { loadParser, parseText } from '../../src/engine/source/parser.js';
import { SourceText } from '../../src/engine/source/source-text.js';
import { copyTree } from '../../src/engine/source/syntax.js';
import { lintText, type LintTextResult } from '../../src/index.js';

async function facts(text: string, module: Partial<ModuleInfo> = {}): Promise<FileFacts> {
  const parser = await loadParser();
  const tree = parseText(parser, text);
  try {
    const { root } = copyTree(tree, text);
    return collectFileFacts(root, new SourceText(text), { path: 'm.py', name: 'm', isPackageInit: false, ...module });
  } finally {
    tree.delete();
  }
}

function fn(f: FileFacts, id: string | null): FunctionCycleFacts {
  const found = f.cycles.functions.find((x) => x.functionId === id);
  assert.ok(found, `no cycle facts for ${id}`);
  return found;
}

/** `from.label -kind.attr-> to.label`, for readable assertions. */
function edges(f: FunctionCycleFacts): string[] {
  return f.edges.map((e) => `${f.objects[e.from]!.label} -${e.kind}${e.attr ? `.${e.attr}` : ''}-> ${f.objects[e.to]!.label}`);
}

async function project(files: Record<string, string>) {
  const all = new Map<string, FileFacts>();
  for (const [path, text] of Object.entries(files)) {
    const name = path.replace(/\.py$/, '').replace(/\/__init__$/, '').replace(/\//g, '.');
    all.set(path, await facts(text, { path, name, isPackageInit: path.endsWith('__init__.py') }));
  }
  return linkProject(all);
}

describe('cycle facts', () => {
  it('records attribute stores and container calls of a method', async () => {
    const f = await facts([
      'class Tree:',
      '    def add(self, child):',
      '        child.parent = self',
      '        self.children.append(child)',
    ].join('\n'));
    const add = fn(f, 'Tree.add');
    assert.deepEqual(edges(add), ['child -attr.parent-> self']);
    assert.equal(add.selfClassId, 'Tree');
    const call = add.calls.find((c) => c.method === 'append')!;
    assert.equal(add.objects[call.receiver!]!.label, 'self.children');
    assert.deepEqual(call.args.map((a) => a.refs.map((r) => add.objects[r]!.label)), [['child']]);
  });

  it('drops a store that a later store, `del` or `= None` replaces', async () => {
    const f = await facts([
      'class A:',
      '    def f(self, other):',
      '        self.tmp = self',
      '        self.tmp = None',
      '        self.peer = other',
      '        del self.peer',
      '        self.keep = other',
    ].join('\n'));
    assert.deepEqual(edges(fn(f, 'A.f')), ['self -attr.keep-> other']);
  });

  it('keeps stores from every branch of an if', async () => {
    const f = await facts([
      'def link(a, b, c, flag):',
      '    if flag:',
      '        a.next = b',
      '    else:',
      '        a.next = c',
    ].join('\n'));
    assert.deepEqual(edges(fn(f, 'link')).sort(), ['a -attr.next-> b', 'a -attr.next-> c']);
  });

  it('treats weakref.ref/proxy as no reference and notes them on the class', async () => {
    const f = await facts([
      'import weakref',
      'class Child:',
      '    def __init__(self, parent):',
      '        self.parent = weakref.proxy(parent)',
    ].join('\n'));
    assert.equal(f.cycles.functions.find((x) => x.functionId === 'Child.__init__'), undefined);
    const attr = f.cycles.classes.find((c) => c.classId === 'Child')!.attrs.find((a) => a.name === 'parent')!;
    assert.deepEqual([attr.strongStores, attr.weakStores], [0, 1]);
  });

  it('records what lambdas and nested functions capture', async () => {
    const f = await facts([
      'class Clock:',
      '    def start(self, timer):',
      '        timer.connect(lambda: self.tick())',
      '        def stop():',
      '            self.running = False',
      '        self.stop = stop',
    ].join('\n'));
    const start = fn(f, 'Clock.start');
    assert.ok(edges(start).includes('lambda: self.tick() -capture-> self'));
    assert.ok(edges(start).includes('stop -capture-> self'));
    assert.ok(edges(start).includes('self -attr.stop-> stop'));
  });

  it('copies elements, not containers, for slices, `+=` and `extend`', async () => {
    const f = await facts([
      'def f(a, b):',
      '    a[1:] = a',
      '    a += a',
      '    a.extend(b)',
      '    a.attach(b)', // a call, so that the function's facts are kept
    ].join('\n'));
    const g = fn(f, 'f');
    assert.ok(!edges(g).includes('a -item-> a'));
    assert.ok(edges(g).every((e) => !e.endsWith('-> a') || e.includes('iter')));
  });

  it('lists dataclass fields as constructor parameters', async () => {
    const f = await facts([
      'from dataclasses import dataclass, field',
      'from typing import ClassVar',
      '@dataclass',
      'class Row:',
      '    table: "Table"',
      '    cells: list = field(default_factory=list)',
      '    hidden: int = field(default=0, init=False)',
      '    count: ClassVar[int] = 0',
    ].join('\n'));
    assert.deepEqual(f.cycles.classes.find((c) => c.classId === 'Row')!.initFields, ['table', 'cells']);
  });

  it('survives 10,000 nested brackets', async () => {
    const deep = `${'['.repeat(10_000)}x${']'.repeat(10_000)}`;
    const f = await facts(`def f(x):\n    x.y = ${deep}\n`);
    assert.ok(Array.isArray(f.cycles.functions));
  });
});

describe('cycle linking', () => {
  it('finds strongly connected components iteratively', () => {
    const graph = [[{ to: 1 }], [{ to: 2 }], [{ to: 0 }, { to: 3 }], [], [{ to: 4 }]];
    assert.deepEqual(stronglyConnected(graph), [[0, 1, 2], [4]]);
  });

  it('reports a constructor back-reference in the child module', async () => {
    const graph = await project({
      'app/__init__.py': '',
      'app/doc.py': [
        'from app.page import Page',
        'class Document:',
        '    def __init__(self):',
        '        self.pages = []',
        '    def add(self):',
        '        page = Page(self)',
        '        self.pages.append(page)',
      ].join('\n'),
      'app/page.py': [
        'class Page:',
        '    def __init__(self, document):',
        '        self.document = document',
      ].join('\n'),
    });
    const cycles = analyzeReferenceCycles(graph).cycles;
    assert.equal(cycles.length, 1);
    assert.equal(cycles[0]!.kind, 'parent-child');
    assert.equal(cycles[0]!.file, 'app/page.py');
    assert.equal(cycles[0]!.text, 'self.document = document');
    assert.deepEqual(cycles[0]!.classes, ['app.doc.Document', 'app.page.Page']);
  });

  it('classifies bound methods and closures as self-references', async () => {
    const graph = await project({
      'svc.py': [
        'class Service:',
        '    def __init__(self, bus):',
        '        self.bus = bus',
        '        self.bus.subscribe(self.on_event)',
        '        self.cb = lambda: self.on_event(None)',
        '    def on_event(self, event):',
        '        pass',
      ].join('\n'),
    });
    const cycles = analyzeReferenceCycles(graph).cycles;
    assert.deepEqual(cycles.map((c) => [c.kind, c.via, c.site.startLine]).sort((a, b) => Number(a[2]) - Number(b[2])), [
      ['self-reference', 'bound-method', 4],
      ['self-reference', 'closure', 5],
    ]);
  });

  it('follows factories: what a function returns holds its arguments', async () => {
    const graph = await project({
      'book.py': [
        'class Sheet:',
        '    def __init__(self, book):',
        '        self.book = book',
        '    @classmethod',
        '    def blank(cls, book):',
        '        return cls(book)',
        'class Book:',
        '    def __init__(self):',
        '        self.sheets = []',
        '    def add(self):',
        '        self.sheets.append(Sheet.blank(self))',
        '    def peek(self):',
        '        return Sheet.blank(self)',
      ].join('\n'),
    });
    const cycles = analyzeReferenceCycles(graph).cycles;
    assert.deepEqual(cycles.map((c) => [c.kind, c.site.startLine, c.text]), [['parent-child', 3, 'self.book = book']]);
  });

  it('ignores one-directional references and weak back-references', async () => {
    const graph = await project({
      'tree.py': [
        'import weakref',
        'class Node:',
        '    def __init__(self, parent=None):',
        '        self.children = []',
        '        self._parent = weakref.ref(parent) if parent else None',
        '        if parent is not None:',
        '            parent.children.append(self)',
        '    def add_name(self, child):',
        '        self.children.append(child)',
        '        child.parent_name = "x"',
      ].join('\n'),
    });
    assert.deepEqual(analyzeReferenceCycles(graph).cycles, []);
  });
});

const CYCLE_RULES = ['PSL301', 'PSL302', 'PSL303', 'PSL304'];

/** Lint `source` with the cycle rules: no internal error (stack overflow, rule crash) allowed. */
async function lintsCleanly(source: string, select: readonly string[] = CYCLE_RULES): Promise<LintTextResult['findings']> {
  const { findings, notifications } = await lintText(source, { config: { select: [...select] } });
  assert.deepEqual(notifications.filter((n) => n.code === 'internal-error').map((n) => n.message), []);
  return findings;
}

/** A method body (8 spaces of indentation already written). */
function inMethod(body: string): string {
  return `class A:\n    def f(self, x, a, c):\n        ${body}\n`;
}

/** `[v1 for v1 in [v0 for v0 in xs]]`, `n` deep (`open`/`close`: the brackets). */
function nestedComprehensions(n: number, open = '[', close = ']'): string {
  let text = 'xs';
  for (let i = 0; i < n; i++) text = `${open}v${i} for v${i} in ${text}${close}`;
  return text;
}

describe('cycle facts and rules on pathological nesting', () => {
  it('survives 10,000 nested list comprehensions', async () => {
    await lintsCleanly(inMethod(`self.items = ${nestedComprehensions(10_000)}`));
  });

  it('survives nested set and dict comprehensions', async () => {
    await lintsCleanly(inMethod(`self.items = ${nestedComprehensions(5_000, '{', '}')}`));
    let dict = 'xs';
    for (let i = 0; i < 5_000; i++) dict = `{v${i}: v${i} for v${i} in ${dict}}`;
    await lintsCleanly(inMethod(`self.items = ${dict}`));
  });

  it('survives 20,000 nested unpacking targets', async () => {
    await lintsCleanly(inMethod(`${'('.repeat(20_000)}a${',)'.repeat(20_000)} = x`));
    await lintsCleanly(inMethod(`${'['.repeat(20_000)}a${']'.repeat(20_000)} = x`));
    await lintsCleanly(inMethod(`for ${'('.repeat(20_000)}a${',)'.repeat(20_000)} in x:\n            pass`));
  });

  it('survives `del` of 20,000 nested lists and tuples', async () => {
    await lintsCleanly(inMethod(`del ${'['.repeat(20_000)}a${']'.repeat(20_000)}`));
    await lintsCleanly(inMethod(`del ${'('.repeat(20_000)}a${',)'.repeat(20_000)}`));
  });

  it('survives 10,000-term operator chains', async () => {
    for (const op of [' + ', ' or ', ' < ']) await lintsCleanly(inMethod(`self.y = ${Array(10_000).fill('a').join(op)}`));
    await lintsCleanly(inMethod(`self.y = ${'a if c else '.repeat(10_000)}a`));
    await lintsCleanly(inMethod(`self.y = ${'not '.repeat(10_000)}a`));
  });

  it('survives 10,000 nested calls, subscripts, attributes and lambdas', async () => {
    await lintsCleanly(inMethod(`self.y = ${'f('.repeat(10_000)}a${')'.repeat(10_000)}`));
    await lintsCleanly(inMethod(`self.y = ${'a.f('.repeat(10_000)}a${')'.repeat(10_000)}`));
    await lintsCleanly(inMethod(`self.y = ${'list('.repeat(10_000)}a${')'.repeat(10_000)}`));
    await lintsCleanly(inMethod(`self.y = a${'[0]'.repeat(10_000)}`));
    await lintsCleanly(inMethod(`a${'[0]'.repeat(10_000)} = self`));
    await lintsCleanly(inMethod(`a${'.b'.repeat(10_000)} = self`));
    await lintsCleanly(inMethod(`self.y = ${'(a := '.repeat(10_000)}a${')'.repeat(10_000)}`));
    await lintsCleanly(inMethod(`for i in ${'enumerate('.repeat(10_000)}a${')'.repeat(10_000)}:\n            self.y = i`));
    const lambdas = await lintsCleanly(inMethod(`self.y = ${'lambda: '.repeat(10_000)}self`));
    assert.deepEqual(lambdas.map((f) => f.ruleId), ['PSL302']);
  });

  it('survives 10,000 statements that chain objects (`a = a.b`, `a = a[0]`)', async () => {
    const chain = (statement: string) => inMethod(`${Array(10_000).fill(statement).join('\n        ')}\n        f(a)\n        self.y = a`);
    await lintsCleanly(chain('a = a.b'));
    await lintsCleanly(chain('a = a[0]'));
  });

  it('keeps the objects a name may hold bounded across branches and loops', async () => {
    // Each statement used to double what `a` may be (out of memory by 30), or add one more.
    const many = (statement: string, n: number) => inMethod(`${Array(n).fill(statement).join('\n        ')}\n        self.y = a`);
    await lintsCleanly(many('a = a.b if c else a.d', 2_000));
    await lintsCleanly(many('a = a or a.b', 5_000));
    await lintsCleanly(many('for a in a:\n            pass', 5_000));
    await lintsCleanly(many('if c:\n            a = a[0]', 5_000));
  });

  it('finds cycles in classes and defs nested 100 deep', async () => {
    let classes = '';
    for (let i = 0; i < 100; i++) classes += `${'    '.repeat(i)}class K${i}:\n`;
    const inner = '    '.repeat(100);
    classes += `${inner}def add(self, child):\n${inner}    child.parent = self\n${inner}    self.children.append(child)\n`;
    assert.deepEqual((await lintsCleanly(classes)).map((f) => f.ruleId), ['PSL301']);
    let defs = '';
    for (let i = 0; i < 100; i++) defs += `${'    '.repeat(i)}def f${i}(a):\n`;
    defs += `${'    '.repeat(100)}a.me = a\n`;
    assert.deepEqual((await lintsCleanly(defs)).map((f) => f.ruleId), ['PSL302']);
  });

  it('survives a long inheritance chain and wide dataclass diamonds', async () => {
    const chain = ['class C0(Base):', '    pass'];
    for (let i = 1; i < 1_000; i++) chain.push(`class C${i}(C${i - 1}):`, '    pass');
    chain.push('class Owner:', '    def __init__(self, r: C999):', '        self.r = r', '        r.register(self)');
    assert.deepEqual((await lintsCleanly(chain.join('\n'))).map((f) => f.ruleId), ['PSL301']);
    // Nine levels of ten dataclasses, each level inheriting from all ten below it.
    const diamond = ['from dataclasses import dataclass'];
    for (let level = 0; level < 9; level++) {
      for (let i = 0; i < 10; i++) {
        const bases = level === 0 ? '' : `(${Array.from({ length: 10 }, (_, k) => `D${level - 1}_${k}`).join(', ')})`;
        diamond.push('@dataclass', `class D${level}_${i}${bases}:`, `    f${level}_${i}: object = None`);
      }
    }
    diamond.push('class Owner:', '    def __init__(self):', '        self.d = D8_0(self)');
    assert.deepEqual((await lintsCleanly(diamond.join('\n'))).map((f) => f.ruleId), ['PSL301']);
  });

  it('survives exceptions kept through deep expressions and in many aliases (PSL304)', async () => {
    const handler = (body: string) => `def f(self, errors):\n    try:\n        pass\n    except Exception as e:\n${body}\n`;
    assert.equal((await lintsCleanly(handler(`        errors.append(${'Wrap('.repeat(10_000)}e${')'.repeat(10_000)})`))).length, 0);
    await lintsCleanly(handler(`        self.x = e${'.__context__'.repeat(10_000)}`));
    await lintsCleanly(handler(`        self.x = ${'('.repeat(10_000)}e,${'),'.repeat(9_999)})`));
    // Each alias used to walk the whole function again.
    const aliases = Array.from({ length: 5_000 }, (_, i) => `        x${i + 1} = x${i}`).join('\n').replace('x0', 'e');
    assert.equal((await lintsCleanly(handler(aliases))).length, 5_000);
    const excInfo = Array.from({ length: 5_000 }, (_, i) => `        x${i} = sys.exc_info()`).join('\n');
    assert.equal((await lintsCleanly(`import sys\n${handler(excInfo)}`)).length, 5_000);
  });
});

describe('cycle linking over class hierarchies', () => {
  it('sees an unresolved base more than eight classes up, whatever class is asked about first', async () => {
    const chain = ['from lib import Base', 'class C0(Base):', '    pass'];
    for (let i = 1; i <= 10; i++) chain.push(`class C${i}(C${i - 1}):`, '    pass');
    const owner = (method: string, cls: string) => [
      `    def ${method}(self, r: ${cls}):`, `        self.${method}_r = r`, '        r.register(self)',
    ];
    for (const order of [['C10', 'C2'], ['C2', 'C10']]) {
      const text = [...chain, 'class Owner:', ...owner('a', order[0]!), ...owner('b', order[1]!)].join('\n');
      const graph = await project({ 'm.py': text });
      const texts = analyzeReferenceCycles(graph).cycles.map((c) => c.text).sort();
      assert.deepEqual(texts, ['self.a_r = r', 'self.b_r = r'], order.join(' then '));
    }
  });
});
