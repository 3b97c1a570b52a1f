// PSL202: a memoizing decorator on an instance method keeps every `self` alive in its cache.
import { isStdlibEnumBase, looksLikeEnumBase } from '../engine/facts/caches.js';
import type { ClassFact, DecoratorFact, FunctionFact } from '../engine/facts/types.js';
import { defineRule } from '../engine/run/rule.js';

/** Decorators whose cache lives on the function object, shared by all instances. */
const SHARED_CACHE_DECORATORS = new Set([
  'functools.lru_cache',
  'functools.cache',
  'async_lru.alru_cache',
  'methodtools.lru_cache',
  'cachetools.cached',
  'cachetools.func.lru_cache',
  'cachetools.func.ttl_cache',
  'cachetools.func.lfu_cache',
  'cachetools.func.rr_cache',
  'cachetools.func.fifo_cache',
]);


/**
 * `aliases`: module-level names bound to a configured cache decorator (`memo = lru_cache(maxsize=64)`,
 * then `@memo`), by the qualified name a decorator spelled with them resolves to.
 */
export function sharedCacheDecorator(fn: FunctionFact, aliases?: ReadonlySet<string>): DecoratorFact | undefined {
  return fn.decorators.find((d) => d.qualifiedName !== null && !keyIgnoresSelf(d)
    && (SHARED_CACHE_DECORATORS.has(d.qualifiedName) || (!d.isCall && !!aliases?.has(d.qualifiedName))));
}

const SELFLESS_KEYS = new Set(['cachetools.keys.methodkey', 'cachetools.keys.typedmethodkey']);

/**
 * `@cached(cache, key=lambda self, x: hashkey(x))`: the key leaves `self` out, so the cache holds no
 * instance. Reading its attributes (`hashkey(self.region, x)`) or its `id(self)` keeps no reference to it either.
 */
function keyIgnoresSelf(decorator: DecoratorFact): boolean {
  const key = decorator.args.find((a) => a.keyword === 'key');
  // cachetools' own key for methods: `methodkey(self, *args)` is `hashkey(*args)`.
  if (key?.qualifiedName && SELFLESS_KEYS.has(key.qualifiedName)) return true;
  const match = key ? /^lambda\s+([A-Za-z_]\w*)\s*(?:,[^:]*)?:([\s\S]*)$/.exec(key.text.trim()) : null;
  if (!match) return false;
  const self = match[1]!;
  const body = match[2]!
    .replace(new RegExp(`\\b${self}\\s*\\.\\s*[A-Za-z_]\\w*\\b(?!\\s*\\()`, 'g'), '')
    .replace(new RegExp(`\\bid\\(\\s*${self}\\s*\\)`, 'g'), '');
  return !new RegExp(`\\b${self}\\b`).test(body);
}

/** An enum, directly or through enum base classes defined in the same file. */
function isEnumClass(cls: ClassFact | undefined, classes: ReadonlyMap<string, ClassFact>, moduleName: string, depth = 0): boolean {
  if (!cls || depth > 16) return false;
  return cls.bases.some((b) => {
    if (b.qualifiedName === null) return false;
    // Enum members are singletons that live forever anyway: caching on them holds nothing extra.
    if (isStdlibEnumBase(b.qualifiedName) || looksLikeEnumBase(b.qualifiedName)) return true;
    const local = b.qualifiedName.startsWith(`${moduleName}.`) ? classes.get(b.qualifiedName.slice(moduleName.length + 1)) : undefined;
    return isEnumClass(local, classes, moduleName, depth + 1);
  });
}

export default defineRule({
  code: 'PSL202',
  name: 'method-cache-holds-self',
  family: 'cache-growth',
  tier: 'file',
  severity: 'warning',
  fixable: 'never',
  precision: 'very-high',
  summary: 'A memoizing decorator on an instance method keeps every instance alive',
  messages: {
    methodCache:
      '`@{decorator}` on method `{method}` caches `self` in a cache shared by all instances: every instance it is called on stays alive as long as the cache',
  },
  options: {},
  docs: {
    whatItDoes:
      'Checks for `functools.lru_cache`, `functools.cache`, `async_lru.alru_cache`, `methodtools.lru_cache`, `cachetools.cached` and the `cachetools.func` decorators (also through a module-level alias: `memoize = functools.lru_cache(maxsize=256)`, then `@memoize`) on instance methods (including async methods and properties). Not for static and class methods, methods of `enum.Enum` subclasses or of enum-like bases such as Django `TextChoices` (members live forever anyway), `cachetools.cachedmethod` with a per-instance cache, or a `cached` key that leaves `self` out (reading only its attributes, `hashkey(self.name, x)`, or `id(self)`; `cachetools.keys.methodkey`).',
    whyBad:
      'The cache is stored on the function, which lives as long as the class. Its keys include `self`, so every instance the method was ever called on — and everything those instances hold — stays reachable until the entry is evicted. With `maxsize=None` or `@cache`, that is forever. The instances cannot be freed, so their memory, and the arenas it sits in, are never returned.',
    example: [
      'import functools',
      '',
      'class Report:',
      '    def __init__(self, rows):',
      '        self.rows = rows',
      '',
      '    @functools.lru_cache(maxsize=None)',
      '    def total(self, column):',
      '        return sum(row[column] for row in self.rows)',
    ].join('\n'),
    useInstead: [
      'import functools',
      '',
      'class Report:',
      '    def __init__(self, rows):',
      '        self.rows = rows',
      '        # A per-instance cache dies with the instance.',
      '        self.total = functools.lru_cache(maxsize=128)(self._total)',
      '',
      '    def _total(self, column):',
      '        return sum(row[column] for row in self.rows)',
    ].join('\n'),
    references: [
      'https://docs.python.org/3/faq/programming.html#how-do-i-cache-method-calls',
      'https://docs.astral.sh/ruff/rules/cached-instance-method/',
    ],
  },
  check(file, ctx) {
    const classes = new Map(file.facts.classes.map((c) => [c.id, c]));
    const aliases = new Set(file.facts.caches.sites
      .filter((site) => site.form === 'call' && site.isCall && site.boundName !== null && SHARED_CACHE_DECORATORS.has(site.api))
      .map((site) => `${file.facts.module.name}.${site.boundName}`));
    for (const fn of file.facts.functions) {
      if (fn.classId === null || (fn.kind !== 'method' && fn.kind !== 'property')) continue;
      if (fn.params.length === 0) continue;
      if (isEnumClass(classes.get(fn.classId), classes, file.facts.module.name)) continue;
      const decorator = sharedCacheDecorator(fn, aliases);
      if (!decorator) continue;
      ctx.report({
        span: decorator.span,
        messageId: 'methodCache',
        data: { decorator: decorator.text.replace(/\(.*$/s, ''), method: fn.name },
        suggestions: [{ title: 'Cache per instance (assign a cached wrapper in __init__) or use functools.cached_property for argument-less methods' }],
      });
    }
  },
});
