// Per-file facts for the cache-growth rules (PSL201–PSL204): cache constructs, long-lived
// containers and every way the file grows, shrinks or bounds one. Plain serializable data.
import type { Span } from '../types.js';

/** How a cache's `maxsize` (or cachetools `cache=`) argument bounds it. */
export type MaxsizeFact =
  /** Not given: the API's own bounded default (128 for `lru_cache`). */
  | { readonly kind: 'default' }
  /** `None`, `float('inf')`, `math.inf`, `sys.maxsize` or a huge literal. */
  | { readonly kind: 'unbounded'; readonly text: string; readonly span: Span }
  | { readonly kind: 'bounded'; readonly text: string; readonly span: Span }
  /** A name: bounded or not depending on what it is bound to (resolved in the link step). */
  | { readonly kind: 'name'; readonly qualifiedName: string; readonly text: string; readonly span: Span }
  | { readonly kind: 'unknown' };

/** A cache built by a library: `@lru_cache(maxsize=None)`, `cachetools.LRUCache(maxsize=…)`, `functools.cache(f)`. */
export interface CacheSiteFact {
  /** What the factory resolves to: `functools.lru_cache`, `cachetools.TTLCache`, `async_lru.alru_cache`. */
  readonly api: string;
  /** `decorator`: `@x` or `@x(...)` on a def; `call`: an expression (`lru_cache(None)(f)`, `LRUCache(...)`). */
  readonly form: 'decorator' | 'call';
  /** The decorator expression (without `@`) or the call. */
  readonly span: Span;
  readonly text: string;
  /** The factory as written (`ft.lru_cache`) and where. */
  readonly calleeText: string;
  readonly calleeSpan: Span;
  /** Whether the factory is called (`@lru_cache(...)`) or used bare (`@lru_cache`). */
  readonly isCall: boolean;
  /** Where the argument list's closing bracket is (to add `maxsize=` to `lru_cache()`), if called. */
  readonly argsEnd: number | null;
  readonly hasArgs: boolean;
  readonly maxsize: MaxsizeFact;
  /** For `cachetools.cached(cache=…)`: the cache object passed. */
  readonly cacheArg: CacheArgFact | null;
  /** The decorated function's id, for decorator forms. */
  readonly functionId: string | null;
  /** For a call form assigned at module level (`fetch = lru_cache(None)(_fetch)`): the name it is bound to. */
  readonly boundName: string | null;
  /**
   * False when the cached callable can only ever see a few distinct keys: no parameters
   * (besides `self`/`cls`), or only `bool`/`Literal[...]` ones. For the call form, false only when
   * the wrapper is a local that is only ever called with no arguments (`cached = lru_cache(None)(f)`, `cached()`).
   */
  readonly keysUnbounded: boolean;
  /**
   * For a plain function whose every parameter is annotated with a class name (`region: Region`):
   * those classes, resolved. Keys are bounded when all of them are enums (decided in the link step).
   */
  readonly keyAnnotations?: readonly string[];
  /** The keys would be bounded but for `self` (a method with no other open-ended argument): bounded on an enum. */
  readonly keyedBySelfOnly?: boolean;
  /** The function whose body holds the site, or null at module or class level. */
  readonly enclosingFunctionId: string | null;
  /** A cached function defined in a function body and only ever called there: its cache dies with the call. */
  readonly diesWithCall?: boolean;
}

export interface CacheArgFact {
  /** `{}` / `dict()`; a name (a module-level container, maybe); a library cache call; anything else. */
  readonly kind: 'dict' | 'name' | 'call' | 'other';
  readonly text: string;
  readonly span: Span;
  readonly qualifiedName?: string;
}

/**
 * A module-level name bound exactly once to a literal: one that can serve as a `maxsize`
 * (`unbounded`/`bounded`), or any other literal (`literal`: a string, bytes, a tuple of literals).
 */
export interface ConstantFact {
  readonly name: string;
  readonly value: 'unbounded' | 'bounded' | 'literal';
  readonly text: string;
  readonly span: Span;
}

export type ContainerScope = 'module' | 'class' | 'instance' | 'closure';
/** `cache`: a cachetools cache object (bounded by its own `maxsize`; tracked for its `clear()` calls). */
export type ContainerType = 'list' | 'dict' | 'set' | 'deque' | 'cache';

/** A list/dict/set that outlives one call: module level, class level, `self.x`, or a closure variable. */
export interface ContainerFact {
  /**
   * Unique within the module: `_memo` (module), `Service._registry` (class),
   * `Service#_cache` (instance attribute), `memoize.<locals>.cache` (closure).
   */
  readonly key: string;
  /** As written at the definition: `_memo`, `self._cache`. */
  readonly name: string;
  readonly scope: ContainerScope;
  /** Class id (class/instance scope) or function id (closure); null at module level. */
  readonly ownerId: string | null;
  readonly type: ContainerType;
  /** The constructor as written, shortened: `{}`, `defaultdict(list)`. */
  readonly valueText: string;
  /** The name at the definition. */
  readonly span: Span;
  /**
   * `tags: list[str] = []` in a class body (not `ClassVar`): a per-instance field default when the
   * class declares fields (dataclass, pydantic, attrs, NamedTuple); a plain class attribute otherwise.
   */
  readonly isAnnotatedAttribute: boolean;
  /**
   * A closure-scope dict that is a parameter's default (`def f(x, _memo={})`): built once with the
   * function, so the function's own writes accumulate across calls.
   */
  readonly isDefaultArgument?: boolean;
}

/** How a use names its container; resolved to a container in the link step. */
export type ContainerRef =
  /** Absolute dotted name: `pkg.cache._memo`, `pkg.svc.Service._registry`. */
  | { readonly kind: 'qualified'; readonly name: string }
  /** `self.x` (or `cls.x`, `type(self).x` when `viaClass`) in a method of `classId` (module-local id). */
  | { readonly kind: 'self'; readonly classId: string; readonly attr: string; readonly viaClass: boolean }
  /** A closure variable: the container key in this module. */
  | { readonly kind: 'closure'; readonly key: string }
  /** `obj.x` on a receiver of unknown type (only shrinks and resets are recorded). */
  | { readonly kind: 'attribute'; readonly attr: string };

export type ContainerOp =
  /** append, add, extend, insert, update, `d[k] = v`, setdefault, `+=`, `|=`, heappush… */
  | 'grow'
  /** pop, popitem, remove, discard, clear, `del d[k]`, popleft, `d[:] = …`, `-=`, heappop… */
  | 'shrink'
  /** Bound anew at run time (`self._cache = {}` outside its definition, `global X; X = []`). */
  | 'reassign'
  /** `len(x)` compared with something: the code keeps it bounded. */
  | 'size'
  /** Aliased to another name or attribute, or passed to a call that may mutate it. */
  | 'escape'
  /** Read by key (`d[k]`, `d.get(k)`, `k in d`) in a function that also checks an expiry time. */
  | 'checkedRead';

export interface ContainerUseFact {
  readonly ref: ContainerRef;
  readonly op: ContainerOp;
  /** `append`, `[]=`, `del`, `=`, `len`, `+=`, `heappush`, `get`…; for escapes: `argument`, `literal`, `alias`, `expose:<attr>` (`wrapper.cache = cache`). */
  readonly method: string;
  readonly span: Span;
  /** The function whose body holds the use, or null at module or class level. */
  readonly functionId: string | null;
  /** Grow by key (`d[k] = v`, setdefault) in a function that also reads the same container by key: memoization. */
  readonly memo?: boolean;
  /** Grow by key whose stored value holds a timestamp (`(value, time.time())`). */
  readonly storesTimestamp?: boolean;
  /**
   * Grow by key into the values of a TTL cache whose timestamps live in a parallel dict, stored
   * under the same key in the same function (`self._values[k] = v; self._stamps[k] = time.monotonic()`):
   * that dict as written (`self._stamps`).
   */
  readonly stampsIn?: string;
  /** This timestamped store is the parallel stamps dict of such a values dict (see `stampsIn`). */
  readonly parallelStamps?: boolean;
  /** The value added is `self` (`_instances.append(self)`). */
  readonly addsSelf?: boolean;
  /** Grow by key storing a parameter or a literal as is (a registration or a flag, not a computed result). */
  readonly storesPlainValue?: boolean;
  /** For `reassign`: this assignment is the container's own definition. */
  readonly isDefinition?: boolean;
  /** A removal in a lambda at module or class level (`signal.connect(lambda **kw: _cache.clear())`): it runs later, at run time. */
  readonly inCallback?: boolean;
  /**
   * For a grow by key: the key comes from a small fixed set (a loop over a literal or a module
   * constant, a `bool`/`Literal[...]` parameter), so the container cannot grow past it.
   */
  readonly keyBounded?: boolean;
  /**
   * For a grow by key: the key is a loop variable over this module-level name of the same module
   * (`for name in _jobs:`), or over this absolute name of a container imported from another module
   * (dotted: `pkg.registry.PLUGINS`): as bounded as that container, if it only grows at import time.
   */
  readonly keyLoopContainer?: string;
  /** For a grow by key: the key is this parameter of the enclosing function (bounded if every caller passes a constant). */
  readonly keyParam?: string;
  /**
   * The class the key is a member of, resolved: bounded when that is an enum. The annotation of the
   * key parameter (`keyParam`) or of a parameter of an enclosing function (a decorator factory's
   * argument), when a plain name (`Kind`); or the class a loop walks (`for kind in Kind:`).
   */
  readonly keyAnnotation?: string;
  /**
   * For a grow by a tuple key (`d[plan, annual]`, `key = (plan, annual)`): its parts not bounded
   * here, each a parameter of the function (`keyParam`, judged by its callers) and/or the class it is
   * annotated with (`keyAnnotation`, bounded when an enum). Bounded when every part is.
   */
  readonly keyParts?: readonly { readonly keyParam?: string; readonly keyAnnotation?: string }[];
  /**
   * For an `argument` escape: the callee as resolved (`pkg.events._fan_out`) and which argument the
   * container is (0-based position, or keyword). A project function that only reads that
   * parameter (see `readOnlyParams`) does not take the container out of sight.
   */
  readonly passedTo?: { readonly callee: string; readonly position: number | null; readonly keyword: string | null };
}

/** `f.cache_clear` (called or passed on) where `f` resolves to a function (or `self.method`, kept as written). */
export interface CacheClearFact {
  readonly target: string;
  readonly functionId: string | null;
  readonly span: Span;
}

export interface ImportInsertPoint {
  readonly offset: number;
  /** The offset ends an existing line, so the new import starts with a newline. */
  readonly afterLine: boolean;
}

export interface CacheFacts {
  readonly sites: readonly CacheSiteFact[];
  readonly constants: readonly ConstantFact[];
  readonly containers: readonly ContainerFact[];
  readonly uses: readonly ContainerUseFact[];
  readonly cacheClears: readonly CacheClearFact[];
  /** Functions that return their first parameter unchanged (`return cls`): decorators that register. */
  readonly returnsFirstParam: readonly string[];
  /**
   * Functions with a `return <value>` somewhere, other than a list, dict or set they built
   * (`return out` after `out = []`): one that returns nothing (or only such results) cannot be a decorator.
   */
  readonly returnsValue: readonly string[];
  /** Functions with a `while True:` loop that nothing breaks out of: they keep running, so what they add accumulates. */
  readonly loopsForever?: readonly string[];
  /**
   * Loops that run again and again for as long as the program does, wherever they are (module
   * level: `functionId` null): `while True:` with no way out, service loops waiting for a stop
   * signal (`while not stop.is_set():`, `while not self._stopped:`, `while self.running:`) and
   * loops over an endless input (`for line in sys.stdin:`, `fileinput.input()`, `iter(f, sentinel)`).
   * What they call, and what they add to, runs at run time even in code that otherwise runs once.
   */
  readonly repeatLoops?: readonly { readonly functionId: string | null; readonly start: number; readonly end: number }[];
  /**
   * Where the outermost loops (`for`, `while`, comprehensions) in function bodies and `__main__`
   * blocks are, as flat `[start, end, start, end, …]` offsets: a call there may run many times.
   */
  readonly loopSpans?: readonly number[];
  /**
   * Arguments that are a loop variable over a fixed set (`for zone in ZONES: refresh(zone)`,
   * `for k in ("a", "b")`, `range(CONST)`), as `<call start>:<argument text>`: the callee sees
   * one of a few values, as if it were passed a constant.
   */
  readonly fixedLoopArgs?: readonly string[];
  /** Module-level names bound to an instance of a (capitalised) class: `bus = EventBus()`. */
  readonly instances: readonly { readonly name: string; readonly classQualifiedName: string }[];
  /** Offsets of module-level `if __name__ == "__main__":` blocks: what runs there is the program's run time. */
  readonly mainBlocks: readonly { readonly start: number; readonly end: number }[];
  /** Names deleted by module-level `del` (helpers used while importing, then dropped). */
  readonly deletedNames: readonly string[];
  /**
   * Where a new top-level import line can go, in source order: after the docstring (or at the
   * start) and after each top-level import. A fix picks the last one before the code that needs it.
   */
  readonly importInsertPoints: readonly ImportInsertPoint[];
  /**
   * `fnId\u0000param` for parameters that their function only reads (iterates, tests, indexes,
   * measures, hands to reading builtins): a container passed there cannot grow or shrink by it.
   */
  readonly readOnlyParams?: readonly string[];
}
