// Cache-growth facts (tier 1) and their project-level reading: containers, uses, run-time reach.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadParser, parseText } from '../../src/engine/source/parser.js';
import { copyTree } from '../../src/engine/source/syntax.js';
import { SourceText } from '../../src/engine/source/source-text.js';
import { SemanticModel } from '../../src/engine/facts/scope.js';
import { factsFromModel } from '../../src/engine/facts/collect.js';
import { boundingUses, isMemoContainer, isTimestampedContainer, linkContainers, resolveConstant, runtimeGrowth, runtimeOracle } from '../../src/engine/link/caches.js';
import type { FileFacts } from '../../src/engine/facts/types.js';
import { linkProject } from '../../src/engine/link/link.js';
import { lintText } from '../../src/index.js';

const parser = await loadParser();

function facts(source: string, name = 'app.mod', isPackageInit = false): FileFacts {
  const tree = parseText(parser, source);
  try {
    const { root } = copyTree(tree, source);
    const path = `${name.replace(/\./g, '/')}${isPackageInit ? '/__init__' : ''}.py`;
    return factsFromModel(new SemanticModel(root, new SourceText(source), { path, name, isPackageInit }));
  } finally {
    tree.delete();
  }
}

function project(files: Record<string, string>) {
  const map = new Map<string, FileFacts>();
  for (const [name, source] of Object.entries(files)) {
    const isInit = name.endsWith('.__init__');
    const module = isInit ? name.slice(0, -'.__init__'.length) : name;
    const f = facts(source, module, isInit);
    map.set(f.module.path, f);
  }
  return linkProject(map);
}

describe('cache sites', () => {
  it('classifies maxsize: None, inf, sys.maxsize and huge literals are unbounded; names are kept for the link step', () => {
    const f = facts([
      'import functools, math, sys',
      'from cachetools import LRUCache, cached',
      'SIZE = None',
      '@functools.lru_cache(maxsize=None)',
      'def a(x): ...',
      '@functools.lru_cache(SIZE)',
      'def b(x): ...',
      'c = LRUCache(float("inf"))',
      'd = LRUCache(maxsize=2 ** 40)',
      'e = LRUCache(maxsize=sys.maxsize)',
      'g = LRUCache(maxsize=4096)',
      '@cached(cache={})',
      'def h(x): ...',
      '@functools.cache',
      'def settings(): ...',
    ].join('\n'));
    const kinds = f.caches.sites.map((s) => `${s.api}:${s.maxsize.kind}`);
    assert.deepEqual(kinds, [
      'functools.lru_cache:unbounded', 'functools.lru_cache:name', 'cachetools.LRUCache:unbounded',
      'cachetools.LRUCache:unbounded', 'cachetools.LRUCache:unbounded', 'cachetools.LRUCache:bounded',
      'cachetools.cached:default', 'functools.cache:default',
    ]);
    assert.equal(f.caches.sites[6]!.cacheArg?.kind, 'dict');
    assert.equal(f.caches.sites[7]!.keysUnbounded, false, 'a zero-argument cache holds one entry');
    assert.deepEqual(f.caches.constants.map((c) => `${c.name}=${c.value}`), ['SIZE=unbounded']);
  });

  it('follows a maxsize constant through imports and package re-exports', () => {
    const graph = project({
      'shop.__init__': 'from .settings import LIMIT as CACHE_LIMIT\n',
      'shop.settings': 'LIMIT = None\nOTHER = 10\n',
    });
    assert.equal(resolveConstant(graph, 'shop.CACHE_LIMIT')?.value, 'unbounded');
    assert.equal(resolveConstant(graph, 'shop.settings.OTHER')?.value, 'bounded');
    assert.equal(resolveConstant(graph, 'shop.settings.MISSING'), undefined);
  });
});

describe('containers and their uses', () => {
  it('records module, class, instance and closure containers; skips bounded deques and weak containers', () => {
    const f = facts([
      'import weakref',
      'from collections import deque, defaultdict',
      '_memo = {}',
      '_log = deque()',
      '_recent = deque(maxlen=10)',
      '_weak = weakref.WeakSet()',
      '_groups = defaultdict(list)',
      'class Svc:',
      '    registry = []',
      '    tags: list[str] = []',
      '    def __init__(self):',
      '        self._cache = {}',
      'def memoize(fn):',
      '    cache = {}',
      '    def wrapper(*args):',
      '        if args not in cache:',
      '            cache[args] = fn(*args)',
      '        return cache[args]',
      '    return wrapper',
      'def per_call(rows):',
      '    seen = {}',
      '    def add(r):',
      '        seen[r] = 1',
      '    for r in rows: add(r)',
      '    return seen',
    ].join('\n'));
    const containers = f.caches.containers.map((c) => `${c.key}:${c.scope}:${c.type}${c.isAnnotatedAttribute ? ':annotated' : ''}`);
    assert.deepEqual(containers.sort(), [
      'Svc#_cache:instance:dict', 'Svc.registry:class:list', 'Svc.tags:class:list:annotated', '_groups:module:dict',
      '_log:module:deque', '_memo:module:dict', 'memoize.<locals>.cache:closure:dict',
    ]);
  });

  it('tells growth, removal, resets, size checks and escapes apart', () => {
    const f = facts([
      '_items = []',
      '_index = {}',
      'def add(x):',
      '    _items.append(x)',
      '    _index[x.id] = x',
      'def drop(x):',
      '    _items.remove(x)',
      '    del _index[x.id]',
      'def trim():',
      '    if len(_items) > 100:',
      '        _items[:] = _items[-50:]',
      'def reset():',
      '    global _index',
      '    _index = {}',
      'def share(sink):',
      '    sink.attach(_items)',
      'atexit_hooks = [_items.clear]',
    ].join('\n'));
    const ops = f.caches.uses.map((u) => `${u.op}:${u.method}@${u.functionId}`);
    assert.deepEqual(ops, [
      'grow:append@add', 'grow:[]=@add', 'shrink:remove@drop', 'shrink:del@drop', 'size:len@trim', 'shrink:[:]=@trim',
      'reassign:=@reset', 'escape:argument@share', 'shrink:clear@null',
    ]);
  });

  it('marks memo stores (looked up where they are filled) and timestamped stores behind an expiry check', () => {
    const f = facts([
      'import time',
      '_rates = {}',
      '_handlers = {}',
      'def rate(ccy):',
      '    if ccy in _rates:',
      '        return _rates[ccy]',
      '    _rates[ccy] = value = fetch(ccy)',
      '    return value',
      'def register(name, fn):',
      '    old = _handlers.get(name)',
      '    _handlers[name] = fn',
      '    return old',
      'class Tokens:',
      '    def __init__(self):',
      '        self._entries = {}',
      '    def get(self, key):',
      '        now = time.monotonic()',
      '        hit = self._entries.get(key)',
      '        if hit and now - hit[1] < 60:',
      '            return hit[0]',
      '        self._entries[key] = (issue(key), now)',
    ].join('\n'));
    const rates = f.caches.uses.find((u) => u.ref.kind === 'qualified' && u.ref.name === 'app.mod._rates' && u.op === 'grow');
    assert.equal(rates?.memo, true);
    const handlers = f.caches.uses.find((u) => u.ref.kind === 'qualified' && u.ref.name === 'app.mod._handlers' && u.op === 'grow');
    assert.equal(handlers?.memo, undefined, 'storing a parameter as is registers, it does not memoize');
    const entries = f.caches.uses.filter((u) => u.ref.kind === 'self' && u.ref.attr === '_entries').map((u) => `${u.op}${u.storesTimestamp ? ':ts' : ''}`);
    assert.deepEqual(entries, ['reassign', 'checkedRead', 'grow:ts']);
  });

  it('recovers `type(self).registry[k] = v`, which the grammar reads as a type alias', () => {
    const f = facts('class Bot:\n    registry = {}\n    def __init__(self, name):\n        type(self).registry[name] = self\n');
    const use = f.caches.uses.find((u) => u.op === 'grow');
    assert.deepEqual(use?.ref, { kind: 'self', classId: 'Bot', attr: 'registry', viaClass: true });
    assert.equal(use?.addsSelf, true);
  });

  it('keeps closure containers only when the owner returns the closure that uses them', () => {
    const kept = facts('def deco(fn):\n    memo = {}\n    def inner(x):\n        memo[x] = fn(x)\n    return inner\n');
    const dropped = facts('def run(xs):\n    memo = {}\n    def inner(x):\n        memo[x] = 1\n    for x in xs: inner(x)\n');
    assert.equal(kept.caches.containers.length, 1);
    assert.equal(dropped.caches.containers.length, 0);
  });
});

describe('project reading', () => {
  it('links removals made in other modules, through imports, module attributes and re-exports', () => {
    const graph = project({
      'app.__init__': 'from .cache import _geo as geo\n',
      'app.cache': '_memo = {}\n_profiles = {}\n_geo = {}\n_tokens = {}\ndef put(k, v):\n    _memo[k] = v\n    _profiles[k] = v\n    _geo[k] = v\n    _tokens[k] = v\n',
      'app.admin': 'from .cache import _memo\ndef flush():\n    _memo.clear()\n',
      'app.jobs': 'from app import cache, geo\ndef nightly():\n    cache._profiles.pop("x")\n    geo.clear()\n',
    });
    const linked = linkContainers(graph);
    const bounded = (key: string) => boundingUses(linked.get(key)!).length > 0;
    assert.equal(bounded('app.cache._memo'), true);
    assert.equal(bounded('app.cache._profiles'), true);
    assert.equal(bounded('app.cache._geo'), true);
    assert.equal(bounded('app.cache._tokens'), false);
  });

  it('counts growth at run time only: not import-time registration, __init_subclass__ or main-less helpers', () => {
    const graph = project({
      'app.plugins': [
        'EXPORTERS = {}',
        '_live = []',
        '_log = []',
        'def register(name):',
        '    def deco(cls):',
        '        EXPORTERS[name] = cls',
        '        return cls',
        '    return deco',
        '@register("csv")',
        'class Csv: ...',
        'class Conn:',
        '    def __init__(self):',
        '        _live.append(self)',
        'class Base:',
        '    kinds = []',
        '    def __init_subclass__(cls):',
        '        Base.kinds.append(cls)',
        'def main():',
        '    _log.append("started")',
        'if __name__ == "__main__":',
        '    main()',
      ].join('\n'),
    });
    const runtime = runtimeOracle(graph);
    const linked = linkContainers(graph);
    const grows = (key: string) => runtimeGrowth(linked.get(key)!, runtime).length;
    assert.equal(grows('app.plugins.EXPORTERS'), 0);
    assert.equal(grows('app.plugins._live'), 1);
    assert.equal(grows('app.plugins.Base.kinds'), 0);
    assert.equal(grows('app.plugins._log'), 1, 'main() run from the __main__ block is the program');
  });

  it('separates memos and TTL caches from plain growing containers', () => {
    const graph = project({
      'app.state': [
        'import time',
        '_memo = {}',
        '_ttl = {}',
        '_events = []',
        'def get(k):',
        '    if k not in _memo:',
        '        _memo[k] = load(k)',
        '    return _memo[k]',
        'def fresh(k):',
        '    hit = _ttl.get(k)',
        '    if hit and time.time() - hit[1] < 5:',
        '        return hit[0]',
        '    _ttl[k] = (load(k), time.time())',
        'def record(e):',
        '    _events.append(e)',
      ].join('\n'),
    });
    const runtime = runtimeOracle(graph);
    const linked = linkContainers(graph);
    const memo = linked.get('app.state._memo')!;
    assert.equal(isMemoContainer(memo, runtimeGrowth(memo, runtime)), true);
    assert.equal(isTimestampedContainer(linked.get('app.state._ttl')!), true);
    const events = linked.get('app.state._events')!;
    assert.equal(isMemoContainer(events, runtimeGrowth(events, runtime)), false);
    assert.equal(isTimestampedContainer(events), false);
  });
});

describe('what does not grow', () => {
  it('skips class-keyed stores, tallies, lazy one-time fills and calls on import-time singletons', () => {
    const graph = project({
      'app.misc': [
        'class Singleton(type):',
        '    _instances = {}',
        '    def __call__(cls, *a):',
        '        if cls not in cls._instances:',
        '            cls._instances[cls] = super().__call__(*a)',
        '        return cls._instances[cls]',
        '_counts = {}',
        'def count(w):',
        '    _counts[w] = _counts.get(w, 0) + 1',
        '_patterns = []',
        'def patterns():',
        '    if not _patterns:',
        '        _patterns.extend(build())',
        '    return _patterns',
        'class Bus:',
        '    handlers = []',
        '    def subscribe(self, fn):',
        '        self.handlers.append(fn)',
        'bus = Bus()',
        'def on_start(): ...',
        'bus.subscribe(on_start)',
      ].join('\n'),
    });
    const runtime = runtimeOracle(graph);
    const linked = linkContainers(graph);
    const grows = (key: string) => runtimeGrowth(linked.get(key)!, runtime);
    assert.equal(grows('app.misc.Singleton._instances').length, 0, 'one entry per class');
    assert.equal(grows('app.misc._patterns').length, 0, 'filled once, lazily');
    assert.equal(grows('app.misc.Bus.handlers').length, 0, 'bus.subscribe runs at import only');
    const counts = linked.get('app.misc._counts')!;
    assert.equal(isMemoContainer(counts, grows('app.misc._counts')), false, 'a tally is not a memo');
  });
});

describe('repeating loops and the program start', () => {
  it('records service loops and endless inputs, not read-until-done loops', () => {
    const source = [
      'import sys, threading',
      'stop = threading.Event()',
      'shutting_down = False',
      'def a():',
      '    while not stop.is_set(): pass',
      'def b(self):',
      '    while not self._stopped: pass',
      'def c(self):',
      '    while self.running: pass',
      'def d():',
      '    for line in sys.stdin: pass',
      'def e(q):',
      '    for job in iter(q.get, None): pass',
      'def f():',
      '    while not shutting_down: pass',
      'def g(fh):',
      '    done = False',
      '    while not done:',
      '        done = not fh.read(10)',
      'def h(fh, q):',
      '    for chunk in iter(lambda: fh.read(4096), b""): pass',
      '    while not q.empty(): q.get()',
    ].join('\n');
    const loops = facts(source).caches.repeatLoops ?? [];
    assert.deepEqual(loops.map((l) => l.functionId).sort(), ['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('takes what __main__ reaches outside loops for start-up, and calls in any loop there for run time', () => {
    const graph = project({
      'app.cli': [
        'import sys',
        'REGISTRY = {}',
        'SEEN = set()',
        'ROWS = {}',
        'def load(cfg):',
        '    for name in cfg:',
        '        REGISTRY[name] = name',
        'def handle(line):',
        '    SEEN.add(line)',
        'def keep(row):',
        '    ROWS[row] = row',
        'def main():',
        '    load(sys.argv)',
        '    for row in sys.argv:',
        '        keep(row)',
        '    for line in sys.stdin:',
        '        handle(line)',
        'if __name__ == "__main__":',
        '    main()',
      ].join('\n'),
    });
    const runtime = runtimeOracle(graph);
    const file = graph.modules.get('app.cli')!;
    assert.equal(runtime.isStartupOnly(file, 'main'), true);
    assert.equal(runtime.isStartupOnly(file, 'load'), true);
    assert.equal(runtime.isStartupOnly(file, 'keep'), false, 'called in a loop');
    assert.equal(runtime.isStartupOnly(file, 'handle'), false);
    assert.equal(runtime(file, 'handle'), true);
    assert.equal(runtime(file, 'load'), true, 'start-up code still runs at run time');
  });
});

describe('PSL201 fix', () => {
  it('bounds the cache and imports lru_cache above the decorator when needed', async () => {
    const source = '"""Doc."""\nfrom functools import cache\n\n\n@cache\ndef parse(ua):\n    return ua\n\n\nimport os\n';
    const result = await lintText(source, { fix: 'unsafe', config: { select: ['PSL201'] } });
    assert.equal(result.output, '"""Doc."""\nfrom functools import cache\nfrom functools import lru_cache\n\n\n@lru_cache(maxsize=1024)\ndef parse(ua):\n    return ua\n\n\nimport os\n');
  });
  it('gives a constant-driven maxsize no fix (the constant is the place to change)', async () => {
    const result = await lintText('import functools\nSIZE = None\n@functools.lru_cache(maxsize=SIZE)\ndef f(x):\n    return x\n', { config: { select: ['PSL201'] } });
    assert.equal(result.findings.length, 1);
    assert.equal(result.findings[0]!.fix, undefined);
  });
});
