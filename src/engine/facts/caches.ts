// Tier 1 facts for the cache-growth rules: library caches and their bounds, long-lived containers,
// and every grow/shrink/reset/size-check/escape of a container, in one walk per file.
import { ancestor, field, walk, type SyntaxNode } from '../source/syntax.js';
import { annotatedClass } from './annotations.js';
import { dottedName, parameterName, type Binding, type Scope, type SemanticModel } from './scope.js';
import type {
  CacheArgFact, CacheClearFact, CacheFacts, ImportInsertPoint, CacheSiteFact, ConstantFact, ContainerFact, ContainerOp,
  ContainerRef, ContainerType, ContainerUseFact, MaxsizeFact,
} from './cache-types.js';
import type { Span } from '../types.js';
import { PYTHON_BUILTINS } from './builtins.js';

/** A literal `maxsize` at or above this is unbounded in practice (option-free: the rules may tighten it). */
export const HUGE_MAXSIZE = 10_000_000;

/** Cache factories, by resolved name: where their `maxsize` goes and whether it may be omitted. */
interface CacheApi {
  /** Positional index of `maxsize`, or null when the API takes none. */
  readonly maxsizeIndex: number | null;
  /** `functools.cache`: unbounded by definition. */
  readonly alwaysUnbounded?: boolean;
  /** `cachetools.cached(cache, …)`: the cache object is the first argument. */
  readonly takesCache?: boolean;
}

export const CACHE_APIS: ReadonlyMap<string, CacheApi> = new Map<string, CacheApi>([
  ['functools.lru_cache', { maxsizeIndex: 0 }],
  ['functools.cache', { maxsizeIndex: null, alwaysUnbounded: true }],
  ['async_lru.alru_cache', { maxsizeIndex: 0 }],
  ['methodtools.lru_cache', { maxsizeIndex: 0 }],
  ['cachetools.cached', { maxsizeIndex: null, takesCache: true }],
  ['cachetools.Cache', { maxsizeIndex: 0 }],
  ['cachetools.LRUCache', { maxsizeIndex: 0 }],
  ['cachetools.LFUCache', { maxsizeIndex: 0 }],
  ['cachetools.TTLCache', { maxsizeIndex: 0 }],
  ['cachetools.TLRUCache', { maxsizeIndex: 0 }],
  ['cachetools.RRCache', { maxsizeIndex: 0 }],
  ['cachetools.FIFOCache', { maxsizeIndex: 0 }],
  ['cachetools.MRUCache', { maxsizeIndex: 0 }],
  ['cachetools.func.lru_cache', { maxsizeIndex: 0 }],
  ['cachetools.func.lfu_cache', { maxsizeIndex: 0 }],
  ['cachetools.func.ttl_cache', { maxsizeIndex: 0 }],
  ['cachetools.func.rr_cache', { maxsizeIndex: 0 }],
  ['cachetools.func.fifo_cache', { maxsizeIndex: 0 }],
  ['cachetools.func.mru_cache', { maxsizeIndex: 0 }],
]);

const GROW_METHODS = new Set(['append', 'extend', 'insert', 'add', 'update', 'setdefault', 'appendleft', 'extendleft', '__setitem__']);
const SHRINK_METHODS = new Set([
  'pop', 'popitem', 'remove', 'discard', 'clear', 'popleft', 'difference_update', 'intersection_update', '__delitem__',
]);
const READ_METHODS = new Set(['get', '__getitem__', '__contains__']);

/** Module functions that grow (first argument) or shrink a container they are given. */
const GROWING_FUNCTIONS = new Set(['heapq.heappush', 'bisect.insort', 'bisect.insort_left', 'bisect.insort_right']);
const SHRINKING_FUNCTIONS = new Set(['heapq.heappop']);

/** Calls that only read a container passed to them: not an escape. */
const READING_FUNCTIONS = new Set([
  'len', 'list', 'tuple', 'sorted', 'set', 'frozenset', 'dict', 'iter', 'enumerate', 'reversed', 'print', 'repr', 'str',
  'any', 'all', 'sum', 'min', 'max', 'zip', 'map', 'filter', 'isinstance', 'id', 'hash', 'bool', 'next', 'format', 'type',
  'copy.copy', 'copy.deepcopy', 'json.dump', 'json.dumps', 'pickle.dump', 'pickle.dumps', 'pprint.pprint', 'pprint.pformat',
  'random.choice', 'random.sample', 'collections.Counter', 'collections.OrderedDict', 'collections.deque',
]);
/** Methods that read a parameter without changing it. */
const PARAM_READ_METHODS = new Set(['get', 'items', 'keys', 'values', 'copy', 'count', 'index', '__contains__', '__getitem__']);
const READING_METHOD_NAMES = new Set([
  'extend', 'update', 'union', 'intersection', 'difference', 'issubset', 'issuperset', 'isdisjoint', 'join', 'format',
  'write', 'writelines', 'debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log', 'dump', 'dumps',
]);

/** Clock reads: a value stored with one of these is timestamped. */
const TIME_CALLS = new Set([
  'time.time', 'time.monotonic', 'time.perf_counter', 'time.time_ns', 'time.monotonic_ns', 'time.perf_counter_ns',
  'datetime.datetime.now', 'datetime.datetime.utcnow', 'datetime.datetime.today', 'datetime.date.today',
  'django.utils.timezone.now', 'arrow.utcnow', 'arrow.now', 'pendulum.now', 'pendulum.today',
]);
/** A project's own clock: `self._now()`, `clock()`, `self.clock.monotonic()`. */
const CLOCK_HELPER = /(^|\.)_*(now|utcnow|clock|monotonic|current_time|timestamp_now|time_now)$/;
const CLOCK_NAMES = new Set(['time', 'now', 'utcnow', 'clock', 'monotonic', 'current_time', 'timestamp_now', 'time_now', '_now', '_clock', '_time', '_monotonic']);
/** Last names of the calls worth resolving: cache APIs, clocks, `len`, heapq/bisect. */
const INTERESTING_CALLS = new Set([
  ...[...CACHE_APIS.keys()].map((n) => n.slice(n.lastIndexOf('.') + 1)),
  'time', 'monotonic', 'perf_counter', 'time_ns', 'monotonic_ns', 'perf_counter_ns', 'now', 'utcnow', 'today',
  'len', 'heappush', 'heappop', 'insort', 'insort_left', 'insort_right',
]);
const INTERESTING_MODULES = /^(functools|cachetools|async_lru|methodtools|time|datetime|heapq|bisect|asyncio|django\.utils\.timezone|arrow|pendulum)(\.|$)/;
const LOOP_FACTORIES = new Set(['asyncio.get_event_loop', 'asyncio.get_running_loop']);
/**
 * Names that say an expiry is being computed or compared. An entry's age (`entry.age() < limit`,
 * `cache_age > ttl`) is one too, as a whole word only (not `page`, `usage`, `storage`).
 */
const EXPIRY_NAME = /ttl|expir|stale|max_?age|lifetime|deadline|fresh|timeout|(^|_)age(_|$)/i;
/** An entry's own age test, as a property or method: `entry.expired`, `item.is_fresh(ttl)`. */
const EXPIRY_PREDICATE = /^_*(is_|has_)?(expired|stale|fresh|still_fresh|still_valid|outdated)$/i;
const EXPIRY_CALL = /expir|stale|fresh/i;

const ORDER_OPERATORS = new Set(['<', '>', '<=', '>=']);
const LITERAL_TYPES = new Set(['string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'none']);
const CONTAINER_LITERALS = new Set(['list', 'dictionary', 'set', 'tuple']);
/** A list, dict or set built on the spot. */
const BUILT_CONTAINERS = new Set(['list', 'dictionary', 'set', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension']);
/** Where an upward search from an expression stops: statements and scopes. */
const STATEMENT_BOUNDARY = new Set([
  'block', 'module', 'expression_statement', 'return_statement', 'if_statement', 'while_statement', 'for_statement',
  'function_definition', 'lambda', 'class_definition', 'with_statement', 'try_statement', 'assert_statement',
]);
const CLASSMETHOD_NAMES = new Set(['__new__', '__init_subclass__', '__class_getitem__']);
/** Parameter annotations with a handful of values: `bool`, `Literal[...]`, a class (`type[Model]`, `type`). */
const FUNCTION_BOUNDARIES = new Set(['function_definition', 'lambda', 'class_definition']);
const LOOP_TYPES = new Set(['while_statement', 'for_statement']);
const BOUNDED_ANNOTATION = /^(bool|((typing|t)\.)?Literal\[[\s\S]*\]|((typing|t)\.)?[Tt]ype(\[[\s\S]*\])?)$/;
/** Reads that fetch a stored value (not just test membership): what a memo does with its entries. */
const VALUE_READS = new Set(['get', '[]', '__getitem__', 'setdefault']);

type RefInfo = { readonly ref: ContainerRef; readonly key: string; readonly closureUse: boolean };

interface PendingUse {
  readonly info: RefInfo;
  readonly op: ContainerOp | 'read';
  readonly method: string;
  readonly node: SyntaxNode;
  readonly functionId: string | null;
  storesTimestamp?: boolean;
  stampsIn?: string;
  parallelStamps?: boolean;
  addsSelf?: boolean;
  isDefinition?: boolean;
  inCallback?: boolean;
  /** The value stored is a parameter or a literal: a registration or a flag, not a computed result. */
  plainValue?: boolean;
  keyBounded?: boolean;
  keyParam?: string;
  keyAnnotation?: string;
  /** A tuple key's parts that the link step judges (each by its parameter's callers or annotation). */
  keyParts?: { keyParam?: string; keyAnnotation?: string }[];
  /** The key is a loop variable over this module-level name: bounded if the name is a literal collection. */
  keyLoopSource?: string;
  passedTo?: { callee: string; position: number | null; keyword: string | null };
}

export function collectCacheFacts(model: SemanticModel): CacheFacts {
  return new CacheCollector(model).collect();
}

class CacheCollector {
  private readonly model: SemanticModel;
  private sites: CacheSiteFact[] = [];
  /** Decorated functions defined inside another function: their cache may die with the call. */
  private readonly nestedSites: { index: number; definition: SyntaxNode; enclosing: Scope }[] = [];
  private readonly containers = new Map<string, ContainerFact>();
  private readonly closureCandidates = new Map<string, ContainerFact>();
  /** Keys of `def f(x, _memo={})` dicts: created once with the function, so as long-lived as it. */
  private readonly defaultArgKeys = new Set<string>();
  /** Function locals that alias a long-lived container (`cache = self._cache`), by closure key. */
  private readonly aliases = new Map<string, RefInfo | null>();
  private readonly pending: PendingUse[] = [];
  private readonly cacheClears: CacheClearFact[] = [];
  private readonly returnsFirstParam = new Set<string>();
  private readonly returnsValue = new Set<string>();
  /** Functions with a `while True:` loop: they run until the process stops. */
  private readonly loopsForever = new Set<string>();
  /** Loops that repeat for as long as the program runs (see `CacheFacts.repeatLoops`). */
  private readonly repeatLoops: { functionId: string | null; start: number; end: number }[] = [];
  private readonly fixedLoopArgs: string[] = [];
  /** Functions with a `return <value>` of something other than their first parameter. */
  private readonly returnsOther = new Set<string>();
  private readonly deletedNames = new Set<string>();
  private readonly localCalls: { node: SyntaxNode; callee: SyntaxNode; dotted: string }[] = [];
  /** Local names bound to modules or members this family cares about (`ft`, `memo`, `monotonic`). */
  private readonly interestingImports = new Set<string>();
  /** Names that may denote a container: module/class-level and function-local container bindings, imports. */
  private readonly containerNames = new Set<string>();
  /** Attribute names of class-level and `self.x` containers seen so far. */
  private readonly containerAttrs = new Set<string>();
  private readonly instances: { name: string; classQualifiedName: string }[] = [];
  private readonly returnsClosure = new Set<string>();
  private readonly timeLocals = new Map<string, Set<string>>();
  private readonly timeLocalNames = new Set<string>();
  /** `d[k] = …` assignments and `d.setdefault(…)` calls → their grow use, to mark timestamped stores. */
  private readonly storeUses = new Map<SyntaxNode, PendingUse>();
  /** Classes of this module with a field stamped on construction: `created: float = field(default_factory=time.time)`. */
  private readonly clockClasses = new Set<string>();
  private readonly expiryFunctions = new Set<string>();
  private readonly moduleAssignCounts = new Map<string, number>();
  private readonly globalNames = new Set<string>();
  private readonly receivers = new Map<Scope, { classId: string; viaClass: boolean } | null>();
  /** `self.x = …` attributes seen per class, to tell a definition from a reset. */
  private readonly instanceAttrsDefined = new Set<string>();

  constructor(model: SemanticModel) {
    this.model = model;
    for (const i of model.imports) {
      if (INTERESTING_MODULES.test(i.target)) this.interestingImports.add(i.localName);
      this.containerNames.add(i.localName);
    }
    for (const [name, binding] of model.moduleScope.bindings) {
      if (binding.kind === 'assignment' && binding.node.type === 'assignment') this.containerNames.add(name);
    }
  }

  collect(): CacheFacts {
    const { model } = this;
    walk(model.root, this.visitNode.bind(this));
    for (const { index, definition, enclosing } of this.nestedSites) {
      if (this.livesForOneCall(definition, enclosing)) this.sites[index] = { ...this.sites[index]!, diesWithCall: true };
    }
    this.markClockClassStores();
    this.markParallelStores();
    return {
      sites: this.sites,
      constants: this.constants(),
      containers: [...this.containers.values(), ...this.keptClosureContainers()],
      uses: this.finishUses(),
      cacheClears: this.cacheClears,
      // `return n` on one path of `fib(n)` is not a decorator handing back what it registered.
      returnsFirstParam: [...this.returnsFirstParam].filter((id) => !this.returnsOther.has(id)).sort(),
      returnsValue: [...this.returnsValue].sort(),
      loopsForever: [...this.loopsForever].sort(),
      repeatLoops: this.repeatLoops,
      deletedNames: [...this.deletedNames].sort(),
      mainBlocks: mainBlocks(model.root),
      loopSpans: loopSpans(model.root),
      ...(this.fixedLoopArgs.length > 0 ? { fixedLoopArgs: this.fixedLoopArgs } : {}),
      instances: this.instances,
      importInsertPoints: importInsertPoints(model.root),
      readOnlyParams: this.readOnlyParams(),
    };
  }

  private visitNode(node: SyntaxNode): void {
    switch (node.type) {
      case 'decorator': this.visitDecorator(node); break;
      case 'call': this.visitCall(node); break;
      case 'assignment': this.visitAssignment(node); break;
      case 'augmented_assignment': this.visitAugmented(node); break;
      case 'delete_statement': this.visitDelete(node); break;
      case 'attribute': this.visitAttribute(node); break;
      case 'subscript': this.visitSubscriptRead(node); break;
      case 'comparison_operator': this.visitComparison(node); break;
      case 'return_statement': this.visitReturn(node); break;
      case 'while_statement': this.visitWhile(node); break;
      case 'for_statement': this.visitFor(node); break;
      case 'default_parameter': case 'typed_default_parameter': this.visitDefaultParameter(node); break;
      case 'type_alias_statement': this.visitMisparsedTypeAssignment(node); break;
      case 'global_statement':
        for (const c of node.children) if (c.type === 'identifier') this.globalNames.add(c.text);
        break;
      case 'identifier': this.visitIdentifier(node); break;
    }
  }

  private span(node: { start: number; end: number }): Span {
    return this.model.source.span(node.start, node.end);
  }

  private text(node: SyntaxNode): string {
    return this.model.source.slice(node);
  }

  // ---- library caches -------------------------------------------------------------------------

  private visitDecorator(node: SyntaxNode): void {
    const expression = node.children.find((c) => c.isNamed && c.type !== 'comment');
    if (!expression || expression.type === 'call') return; // calls are visited as calls
    const api = this.model.resolveExpression(expression);
    if (!api || !CACHE_APIS.has(api)) return;
    this.addSite(api, expression, expression, undefined, node);
  }

  private visitCall(node: SyntaxNode): void {
    const callee = field(node, 'function');
    if (!callee) return;
    if (callee.type !== 'identifier' && callee.type !== 'attribute') return;
    for (const arg of namedChildren(field(node, 'arguments'))) {
      const value = arg.type === 'keyword_argument' ? field(arg, 'value') : arg;
      if (value?.type === 'identifier' && this.loopsOverFixedSet(value)) this.fixedLoopArgs.push(`${node.start}:${value.text}`);
    }
    const dotted = dottedName(callee);
    if (dotted === null) {
      this.visitLoopTime(node, callee);
      return;
    }
    const last = dotted.slice(dotted.lastIndexOf('.') + 1);
    const head = dotted.indexOf('.') < 0 ? dotted : dotted.slice(0, dotted.indexOf('.'));
    if (EXPIRY_CALL.test(last)) this.markExpiry(node);
    if (head === 'self' || head === 'cls' || (dotted === last && !PYTHON_BUILTINS.has(last))) this.localCalls.push({ node, callee, dotted });
    if (CLOCK_NAMES.has(last) && (/(^|\.)_?loop\.time$/.test(dotted) || CLOCK_HELPER.test(dotted))) this.onTimeSource(node);
    if (last === 'field' || last === 'Field') this.visitFieldDefault(node);
    // Resolving names costs a scope walk: only for names that may be a cache API, a clock, `len` or heapq.
    if (!INTERESTING_CALLS.has(last) && !this.interestingImports.has(head)) return;
    const resolved = this.model.resolveDotted(dotted, callee);
    const args = field(node, 'arguments');
    if (resolved && CACHE_APIS.has(resolved)) {
      const decorator = node.parent?.type === 'decorator' ? node.parent : undefined;
      this.addSite(resolved, node, callee, args, decorator);
    }
    if (resolved && TIME_CALLS.has(resolved) && !CLOCK_HELPER.test(dotted)) this.onTimeSource(node);
    if (!args || args.type !== 'argument_list') return;
    const positional = args.children.filter((c) => c.isNamed && c.type !== 'comment' && c.type !== 'keyword_argument');
    const first = positional[0];
    if (resolved === 'builtins.len' && first && positional.length === 1 && isInComparison(node)) {
      this.use(first, 'size', 'len', node);
    } else if (resolved && first && GROWING_FUNCTIONS.has(resolved)) {
      this.use(first, 'grow', resolved.slice(resolved.indexOf('.') + 1), node);
    } else if (resolved && first && SHRINKING_FUNCTIONS.has(resolved)) {
      this.use(first, 'shrink', resolved.slice(resolved.indexOf('.') + 1), node);
    }
  }

  /** `self._is_valid(entry)` / `_expired(entry)`: a helper in this file, which may hold the expiry check. */
  private localCallTarget(callee: SyntaxNode, dotted: string): string | null {
    if (callee.type === 'attribute') {
      const object = field(callee, 'object');
      const receiver = object?.type === 'identifier' ? this.receiverOf(object) : null;
      return receiver ? `${receiver.classId}.${dotted.slice(dotted.indexOf('.') + 1)}` : null;
    }
    const resolved = this.model.resolveDotted(dotted, callee);
    const prefix = `${this.model.module.name}.`;
    return resolved?.startsWith(prefix) ? resolved.slice(prefix.length) : null;
  }

  private callGraph: Map<string, Set<string>> | undefined;

  /**
   * A memo split into helpers: `hit = _cached(k)` … `_remember(k, value)`. One function calls both
   * the store helper (`writer`, storing its parameter) and a lookup helper that reads the
   * container by key. (A function that reads the container itself and calls a store helper may
   * be reading other entries: an id table filled by `wrap(obj)` is no memo.)
   */
  private storedByMemoHelper(writer: string, key: string, reads: ReadonlySet<string>): boolean {
    for (const [caller, callees] of this.localCallGraph()) {
      if (caller === writer || !callees.has(writer)) continue;
      for (const c of callees) if (c !== writer && c !== caller && reads.has(`${c}\u0000${key}`)) return true;
    }
    return false;
  }

  /** Function id → the functions of this module it calls (plain names, `self.`/`cls.` methods). */
  private localCallGraph(): Map<string, Set<string>> {
    if (this.callGraph) return this.callGraph;
    const calls = new Map<string, Set<string>>();
    for (const { node, callee, dotted } of this.localCalls) {
      const fnId = this.model.enclosingFunctionId(node);
      const target = fnId === null ? null : this.localCallTarget(callee, dotted);
      if (fnId === null || target === null) continue;
      let set = calls.get(fnId);
      if (!set) calls.set(fnId, (set = new Set()));
      set.add(target);
    }
    return (this.callGraph = calls);
  }

  /** A function that calls a helper with an expiry check checks expiry too. */
  private propagateExpiry(): void {
    // Only worth resolving when something here stores timestamps.
    if (this.expiryFunctions.size === 0 || !this.pending.some((u) => u.storesTimestamp)) return;
    const calls = this.localCallGraph();
    for (let changed = true, rounds = 0; changed && rounds < 8; rounds++) {
      changed = false;
      for (const [fnId, callees] of calls) {
        if (this.expiryFunctions.has(fnId)) continue;
        if ([...callees].some((c) => this.expiryFunctions.has(c))) {
          this.expiryFunctions.add(fnId);
          changed = true;
        }
      }
    }
  }

  /**
   * `created: float = field(default_factory=time.time)` in a class body: every instance is stamped
   * when built, so storing `Entry(value)` stores a timestamp.
   */
  private visitFieldDefault(call: SyntaxNode): void {
    const args = field(call, 'arguments');
    const factory = args?.children.find((c) => c.type === 'keyword_argument' && field(c, 'name')?.text === 'default_factory');
    let value = factory ? field(factory, 'value') : undefined;
    if (value?.type === 'lambda') value = field(value, 'body');
    // `lambda: time.monotonic() + TTL`: an expiry deadline is a clock reading too.
    while (value?.type === 'binary_operator' || value?.type === 'parenthesized_expression') {
      value = namedChildren(value).find((c) => c.type === 'call' || c.type === 'binary_operator' || c.type === 'parenthesized_expression');
    }
    if (value?.type === 'call') value = field(value, 'function');
    if (!value || (value.type !== 'identifier' && value.type !== 'attribute')) return;
    const resolved = this.model.resolveExpression(value);
    if (!resolved || !TIME_CALLS.has(resolved)) return;
    let p = call.parent;
    while (p && p.type !== 'class_definition' && p.type !== 'function_definition' && p.type !== 'lambda') p = p.parent;
    const name = p?.type === 'class_definition' ? field(p, 'name')?.text : undefined;
    if (name) this.clockClasses.add(name);
  }

  /** `self._cache[k] = Entry(value)` where `Entry` stamps itself on construction. */
  private markClockClassStores(): void {
    if (this.clockClasses.size === 0) return;
    for (const [holder, use] of this.storeUses) {
      if (holder.type !== 'assignment') continue;
      let right = field(holder, 'right');
      // `item = self._items[key] = Stamp(...)`: the chained value.
      while (right?.type === 'assignment') right = field(right, 'right');
      const callee = right?.type === 'call' ? field(right, 'function') : undefined;
      if (callee?.type === 'identifier' && this.clockClasses.has(callee.text)) use.storesTimestamp = true;
      // `entry = Stamp(...)` … `self._items[key] = entry`: the local holds a stamped entry.
      else if (right?.type === 'identifier' && this.localBoundToClockClass(holder, right.text)) use.storesTimestamp = true;
    }
  }

  /**
   * A name bound only by a `for` over a fixed set, in the function it is used in: a literal
   * collection, `range` of constants, or a module-level constant or class (`ZONES`, `Region`),
   * also through `.items()`/`.keys()`/`.values()` or a copy (`sorted(ZONES)`).
   */
  private loopsOverFixedSet(name: SyntaxNode): boolean {
    const found = this.model.lookup(name.text, name);
    if (!found || found.binding.kind !== 'assignment') return false;
    // `[width(op) for op in OPCODES]`: a comprehension's loop variable, bound in its own scope.
    const inComprehension = found.scope.kind === 'comprehension' && found.binding.node.type === 'for_in_clause';
    if (!inComprehension && (found.scope.kind !== 'function' || found.binding.node.type !== 'for_statement')) return false;
    const left = field(found.binding.node, 'left');
    if (left?.type !== 'identifier') return false;
    const once = (): boolean => bindsOnce(found.scope.node, name.text, inComprehension);
    let source = field(found.binding.node, 'right');
    if (source?.type === 'call') {
      const fn = field(source, 'function');
      const args = namedChildren(field(source, 'arguments'));
      if (fn?.type === 'identifier' && !this.model.lookup(fn.text, fn)) {
        if (fn.text === 'range') {
          return args.length > 0 && args.every((a) => a.type === 'integer'
            || (a.type === 'identifier' && this.model.lookup(a.text, a)?.scope.kind === 'module')) && once();
        }
        if (!/^(list|tuple|sorted|set|frozenset|reversed)$/.test(fn.text) || args.length !== 1) return false;
        source = args[0];
      } else if (fn?.type === 'attribute' && args.length === 0 && /^(items|keys|values)$/.test(field(fn, 'attribute')?.text ?? '')) {
        source = field(fn, 'object');
      } else {
        return false;
      }
    }
    if (!source) return false;
    const fixed = isLiteralCollection(source)
      || (source.type === 'identifier' && /^_*[A-Z]/.test(source.text) && this.model.lookup(source.text, source)?.scope.kind === 'module');
    // The expensive test last: the name must not be rebound elsewhere in the function.
    return fixed && once();
  }

  /** Whether the function around `at` assigns `name = Stamp(...)` (a clock class) anywhere in its own body. */
  private localBoundToClockClass(at: SyntaxNode, name: string): boolean {
    let fn = at.parent;
    while (fn && fn.type !== 'function_definition') fn = fn.parent;
    const body = fn ? field(fn, 'body') : undefined;
    if (!body) return false;
    const stack: SyntaxNode[] = [body];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'assignment' && field(node, 'left')?.type === 'identifier' && field(node, 'left')!.text === name) {
        let value = field(node, 'right');
        while (value?.type === 'assignment') value = field(value, 'right');
        const callee = value?.type === 'call' ? field(value, 'function') : undefined;
        if (callee?.type === 'identifier' && this.clockClasses.has(callee.text)) return true;
      }
      for (const child of namedChildren(node)) if (!FUNCTION_BOUNDARIES.has(child.type)) stack.push(child);
    }
    return false;
  }

  /**
   * `self._values[k] = v` next to `self._stamps[k] = time.monotonic()` (same function, same key):
   * the values of a TTL cache whose timestamps live in a parallel dict.
   */
  private markParallelStores(): void {
    const keyOf = (holder: SyntaxNode): string | null => {
      const left = field(holder, 'left');
      return left?.type === 'subscript' ? subscriptKeys(left).map((k) => this.text(k)).join(', ') : null;
    };
    // The stamps dict holds a bare clock reading (`time.monotonic()`, `now + ttl`). A dict whose
    // entries bundle a timestamp with other data (`[tokens, now]`, `(value, stamp)`, `Entry(...)`)
    // is a timestamped store of its own, not the clock of a dict written next to it.
    const bareStamp = (holder: SyntaxNode): boolean => {
      let right = field(holder, 'right');
      while (right?.type === 'assignment') right = field(right, 'right');
      if (!right || CONTAINER_LITERALS.has(right.type)) return false;
      const callee = right.type === 'call' ? field(right, 'function') : undefined;
      return !(callee?.type === 'identifier' && this.clockClasses.has(callee.text));
    };
    const stamped = [...this.storeUses].filter(([holder, use]) =>
      use.storesTimestamp && holder.type === 'assignment' && use.method === '[]=' && bareStamp(holder));
    if (stamped.length === 0) return;
    for (const [holder, use] of this.storeUses) {
      if (use.storesTimestamp || holder.type !== 'assignment' || use.method !== '[]=' || use.functionId === null) continue;
      // `self._counts[k] = 0` next to the window start: a rate limiter's counter, not a cached value.
      const value = field(holder, 'right');
      if (!value || LITERAL_TYPES.has(value.type)) continue;
      const key = keyOf(holder);
      const partner = key === null ? undefined
        : stamped.find(([h, u]) => u.functionId === use.functionId && u.info.key !== use.info.key && keyOf(h) === key);
      if (!partner) continue;
      use.stampsIn = this.text(subscriptRoot(field(partner[0], 'left')!).target);
      partner[1].parallelStamps = true;
    }
  }

  /** `asyncio.get_running_loop().time()` is a clock read too. */
  private visitLoopTime(node: SyntaxNode, callee: SyntaxNode): void {
    if (callee.type !== 'attribute' || field(callee, 'attribute')?.text !== 'time') return;
    const object = field(callee, 'object');
    if (object?.type !== 'call') return;
    const factory = field(object, 'function');
    const name = factory ? this.model.resolveExpression(factory) : null;
    if (name && LOOP_FACTORIES.has(name)) this.onTimeSource(node);
  }

  private addSite(api: string, node: SyntaxNode, callee: SyntaxNode, args: SyntaxNode | undefined, decorator: SyntaxNode | undefined): void {
    const spec = CACHE_APIS.get(api)!;
    const argList = args && args.type === 'argument_list' ? args : undefined;
    const argNodes = argList ? argList.children.filter((c) => c.isNamed && c.type !== 'comment') : [];
    const positional = argNodes.filter((c) => c.type !== 'keyword_argument');
    const keyword = (name: string) =>
      argNodes.find((c) => c.type === 'keyword_argument' && field(c, 'name')?.text === name);
    let maxsize: MaxsizeFact = { kind: 'default' };
    if (spec.maxsizeIndex !== null) {
      const kw = keyword('maxsize');
      const value = kw ? field(kw, 'value') : positional[spec.maxsizeIndex];
      if (value) maxsize = this.classifyMaxsize(value);
    }
    let cacheArg: CacheArgFact | null = null;
    if (spec.takesCache) {
      const kw = keyword('cache');
      const value = kw ? field(kw, 'value') : positional[0];
      if (value) cacheArg = this.cacheArg(value);
    }
    const definition = decorator?.parent?.type === 'decorated_definition' ? field(decorator.parent, 'definition') : undefined;
    const fnScope = definition?.type === 'function_definition' ? this.model.scopeFor(definition) : undefined;
    if (definition && fnScope?.parent?.kind === 'function') this.nestedSites.push({ index: this.sites.length, definition, enclosing: fnScope.parent });
    this.sites.push({
      api,
      form: decorator ? 'decorator' : 'call',
      span: this.span(node),
      text: this.text(node),
      calleeText: this.text(callee),
      calleeSpan: this.span(callee),
      isCall: node.type === 'call',
      argsEnd: argList ? argList.end - 1 : null,
      hasArgs: argNodes.length > 0,
      maxsize,
      cacheArg,
      functionId: fnScope ? fnScope.id : null,
      boundName: decorator ? null : boundNameOf(node, this.model),
      ...this.siteKeys(node, definition),
      enclosingFunctionId: this.model.enclosingFunctionId(decorator ?? node),
    });
  }

  /**
   * A cached function defined in a function body that is only ever called there — not returned,
   * stored, passed on, registered by another decorator or used from a nested def — is garbage
   * (cache and all) once the call returns.
   */
  private livesForOneCall(definition: SyntaxNode, enclosing: Scope): boolean {
    const name = field(definition, 'name')?.text;
    const decorated = definition.parent;
    if (!name || this.returnsClosure.has(enclosing.id) || enclosing.declaredOuter.has(name)) return false;
    if (decorated?.children.filter((c) => c.type === 'decorator').length !== 1) return false;
    let local = true;
    walk(field(enclosing.node, 'body') ?? enclosing.node, (n) => {
      if (!local) return false;
      if (n === decorated) return false;
      if (n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition') {
        if (mentions(n, name)) local = false;
        return false;
      }
      if (n.type !== 'identifier' || n.text !== name) return true;
      if (!(n.parent?.type === 'call' && n.field === 'function')) local = false;
      return true;
    });
    return local;
  }

  /** How many keys the cached callable can see: from its parameters, or (call form) how it is called. */
  private siteKeys(node: SyntaxNode, definition: SyntaxNode | undefined): { keysUnbounded: boolean; keyedBySelfOnly?: boolean; keyAnnotations?: string[] } {
    if (definition?.type === 'function_definition') {
      const { keys, annotations } = cacheKeys(definition, this.model);
      if (keys === 'self') return { keysUnbounded: true, keyedBySelfOnly: true };
      return { keysUnbounded: keys === 'unbounded', ...(keys === 'unbounded' && annotations ? { keyAnnotations: annotations } : {}) };
    }
    return { keysUnbounded: !this.calledWithoutArguments(node) };
  }

  /**
   * `cached = lru_cache(None)(f)` in a function, then only ever `cached()`: one key. The wrapper
   * is a local name whose every use in that function is a call with no arguments.
   */
  private calledWithoutArguments(site: SyntaxNode): boolean {
    // `lru_cache(None)(f)` wraps in an outer call; `cache(f)` is the wrapping call itself.
    const wrapped = site.parent?.type === 'call' && site.field === 'function' ? site.parent : site;
    const assignment = wrapped.parent;
    if (assignment?.type !== 'assignment' || wrapped.field !== 'right') return false;
    const left = field(assignment, 'left');
    const scope = this.model.scopeOf(assignment);
    if (left?.type !== 'identifier' || scope.kind !== 'function' || scope.declaredOuter.has(left.text)) return false;
    const body = field(scope.node, 'body');
    let uses = 0;
    let onlyEmptyCalls = true;
    walk(body ?? scope.node, (n) => {
      if (!onlyEmptyCalls) return false;
      if (n.type !== 'identifier' || n.text !== left.text || n === left) return true;
      uses++;
      const call = n.parent?.type === 'call' && n.field === 'function' ? n.parent : undefined;
      if (!call || namedCount(field(call, 'arguments')) > 0 || this.model.lookup(n.text, n)?.scope !== scope) onlyEmptyCalls = false;
      return true;
    });
    return onlyEmptyCalls && uses > 0;
  }

  private classifyMaxsize(value: SyntaxNode): MaxsizeFact {
    const text = this.text(value);
    const span = this.span(value);
    const bound = boundOf(value, this.model);
    if (bound === 'unbounded') return { kind: 'unbounded', text, span };
    if (bound === 'bounded') return { kind: 'bounded', text, span };
    if (value.type === 'identifier' || value.type === 'attribute') {
      const qualifiedName = this.model.resolveExpression(value);
      if (qualifiedName) return { kind: 'name', qualifiedName, text, span };
    }
    return { kind: 'unknown' };
  }

  private cacheArg(value: SyntaxNode): CacheArgFact {
    const text = this.text(value);
    const span = this.span(value);
    if (value.type === 'dictionary' && namedCount(value) === 0) return { kind: 'dict', text, span };
    if (value.type === 'call') {
      const fn = field(value, 'function');
      const name = fn ? this.model.resolveExpression(fn) : null;
      const argCount = namedCount(field(value, 'arguments'));
      if (name === 'builtins.dict' && argCount === 0) return { kind: 'dict', text, span };
      return { kind: 'call', text, span, ...(name ? { qualifiedName: name } : {}) };
    }
    if (value.type === 'identifier' || value.type === 'attribute') {
      const qualifiedName = this.model.resolveExpression(value);
      return { kind: 'name', text, span, ...(qualifiedName ? { qualifiedName } : {}) };
    }
    return { kind: 'other', text, span };
  }

  private constants(): ConstantFact[] {
    const out: ConstantFact[] = [];
    for (const [name, binding] of this.model.moduleScope.bindings) {
      if (binding.kind !== 'assignment' || binding.node.type !== 'assignment') continue;
      if ((this.moduleAssignCounts.get(name) ?? 0) !== 1 || this.globalNames.has(name)) continue;
      const left = field(binding.node, 'left');
      const right = field(binding.node, 'right');
      if (left?.type !== 'identifier' || left.text !== name || !right) continue;
      const bound = boundOf(right, this.model) ?? (isLiteralConstant(right) ? 'literal' : null);
      if (bound === null) continue;
      out.push({ name, value: bound, text: shorten(this.text(right)), span: this.span(left) });
    }
    return out.sort((a, b) => a.span.start - b.span.start);
  }

  // ---- containers -----------------------------------------------------------------------------

  private visitAssignment(node: SyntaxNode): void {
    // `a = b = {}` nests: the inner assignment is visited on its own.
    const left = field(node, 'left');
    let right = field(node, 'right');
    while (right?.type === 'assignment') right = field(right, 'right');
    if (!left) return;
    const scope = this.model.scopeOf(node);
    const fnId = this.model.enclosingFunctionId(node);
    if (left.type === 'identifier') {
      if (scope.kind === 'module') this.moduleAssignCounts.set(left.text, (this.moduleAssignCounts.get(left.text) ?? 0) + 1);
      this.assignName(node, left, right, scope, fnId);
    } else if (left.type === 'attribute') {
      this.assignAttribute(node, left, right, fnId);
    } else if (left.type === 'subscript') {
      this.assignSubscript(left, right, fnId);
    } else if (left.type === 'pattern_list' || left.type === 'tuple_pattern') {
      for (const target of left.children) {
        if (target.type === 'identifier' && scope.declaredOuter.has(target.text)) {
          const info = this.refOf(target);
          if (info) this.push(info, 'reassign', '=', target, fnId);
        }
      }
    }
    if (right && (right.type === 'identifier' || right.type === 'attribute')) {
      // A plain local alias (`cache = self._cache`) is followed instead: its uses count for the container.
      if (left.type === 'identifier' && fnId !== null && this.followsAlias(node, left, right)) return;
      this.escapeByAlias(right, fnId, this.exposedAs(left));
    }
  }

  /** Whether `left = right` makes a function local that refOf() follows to a container. */
  private followsAlias(node: SyntaxNode, left: SyntaxNode, right: SyntaxNode): boolean {
    if (!this.mayNameContainer(right)) return false;
    const found = this.model.lookup(left.text, left);
    if (!found || found.binding.kind !== 'assignment' || found.binding.node !== node) return false;
    const info = this.refOfName(left);
    if (!info) return false;
    this.containerNames.add(left.text);
    return true;
  }

  private assignName(node: SyntaxNode, left: SyntaxNode, right: SyntaxNode | undefined, scope: Scope, fnId: string | null): void {
    const type = right ? containerType(right, this.model) : null;
    if (scope.kind === 'module' && !type && right?.type === 'call') this.recordInstance(left, right);
    if (type) this.containerNames.add(left.text);
    if (type && scope.kind === 'class') this.containerAttrs.add(left.text);
    if (scope.kind === 'module' || scope.kind === 'class') {
      if (!type) return;
      const key = scope.kind === 'module' ? left.text : `${scope.id}.${left.text}`;
      if (this.containers.has(key)) return;
      const annotation = field(node, 'type');
      this.containers.set(key, {
        key,
        name: left.text,
        scope: scope.kind,
        ownerId: scope.kind === 'class' ? scope.id : null,
        type,
        valueText: shorten(this.text(right!)),
        span: this.span(left),
        isAnnotatedAttribute: scope.kind === 'class' && !!annotation && !/ClassVar/.test(this.text(annotation)),
      });
      return;
    }
    // In a function: only `global`/`nonlocal` names rebind a long-lived container.
    if (scope.declaredOuter.has(left.text)) {
      const info = this.refOf(left);
      if (info) this.push(info, 'reassign', '=', node, fnId);
    }
  }

  /** `bus = EventBus()` at module level: calls to `bus.subscribe` reach `EventBus.subscribe`. */
  private recordInstance(left: SyntaxNode, call: SyntaxNode): void {
    const fn = field(call, 'function');
    if (!fn || (fn.type !== 'identifier' && fn.type !== 'attribute')) return;
    const last = fn.type === 'identifier' ? fn.text : field(fn, 'attribute')?.text ?? '';
    if (!/^_*[A-Z]/.test(last)) return; // classes are capitalised; `x = make()` tells nothing
    const qualifiedName = this.model.resolveExpression(fn);
    if (qualifiedName && !this.instances.some((i) => i.name === left.text)) this.instances.push({ name: left.text, classQualifiedName: qualifiedName });
  }

  private assignAttribute(node: SyntaxNode, left: SyntaxNode, right: SyntaxNode | undefined, fnId: string | null): void {
    const info = this.refOf(left);
    if (!info) return;
    const type = right ? containerType(right, this.model) : null;
    if (type && info.ref.kind === 'self') this.containerAttrs.add(info.ref.attr);
    if (info.ref.kind === 'self' && !info.ref.viaClass) {
      const instanceKey = `${info.ref.classId}#${info.ref.attr}`;
      const first = !this.instanceAttrsDefined.has(instanceKey);
      this.instanceAttrsDefined.add(instanceKey);
      // Only dicts matter per instance (TTL caches, decorator memos); lists and sets die with the instance.
      if (type === 'dict' && first && !this.containers.has(instanceKey)) {
        this.containers.set(instanceKey, {
          key: instanceKey,
          name: this.text(left),
          scope: 'instance',
          ownerId: info.ref.classId,
          type,
          valueText: shorten(this.text(right!)),
          span: this.span(left),
          isAnnotatedAttribute: false,
        });
        this.push(info, 'reassign', '=', node, fnId).isDefinition = true;
        return;
      }
      this.push(info, 'reassign', '=', node, fnId);
      return;
    }
    if (info.ref.kind === 'attribute' && !(type || right?.type === 'none')) return;
    this.push(info, 'reassign', '=', node, fnId);
  }

  private assignSubscript(left: SyntaxNode, right: SyntaxNode | undefined, fnId: string | null): void {
    const { target, depth } = subscriptRoot(left);
    const info = this.refOf(target);
    if (!info) return;
    // `d[a, b] = v` keys by the tuple of every expression between the brackets.
    const keys = subscriptKeys(left);
    const key = keys.length === 1 ? keys[0] : undefined;
    if (depth === 1 && key?.type === 'slice') {
      this.push(info, 'shrink', '[:]=', left, fnId);
      return;
    }
    if (depth === 1 && keys.length > 0 && keys.every((k) => isFixedKey(k) || isClassKey(k))) return;
    // `if k in d: d[k] = v` replaces an entry that is already there; so does a store after a plain `d[k]` read.
    // (A read adds the key to a defaultdict or Counter: there the read is the growth.)
    const autoKeys = () => {
      const named = this.text(target);
      return [...this.containers.values()].some((c) => (c.name === named || c.name === named.replace(/^(self|cls)\./, ''))
        && /defaultdict|Counter/.test(c.valueText));
    };
    if (depth === 1 && key && (this.guardedByMembership(left, target, key) || (this.readBeforeStore(left, target, key) && !autoKeys()))) return;
    const use = this.push(info, 'grow', depth === 1 ? '[]=' : '[][]=', left, fnId);
    if (depth === 1 && left.parent) this.storeUses.set(left.parent, use);
    if (right?.type === 'identifier' && right.text === 'self') use.addsSelf = true;
    // `counts[w] = counts.get(w, 0) + 1` accumulates into the container: a tally, not a memo.
    // (Handing the container on, as in `memo[n] = fib(n - 1, memo)`, reads nothing from it here.)
    const accumulates = !!right && mentions(right, this.text(target), true);
    if (right && (accumulates || this.isPlainValue(right))) use.plainValue = true;
    // An accumulated value (`d[k] = d.get(k, []) + [x]`) grows even when the keys are few; a tally
    // (`d[k] = d.get(k, 0) + 1`) keeps one number per key.
    const tally = accumulates && right?.type === 'binary_operator'
      && namedChildren(right).some((c) => c.type === 'integer' || c.type === 'float');
    if (depth === 1 && (!accumulates || tally)) this.describeKeys(use, keys);
  }

  /** `describeKey` for the expressions between a subscript's brackets (a tuple key when several). */
  private describeKeys(use: PendingUse, keys: readonly SyntaxNode[]): void {
    if (keys.length === 1) this.describeKey(use, keys[0]!);
    else if (keys.length > 1 && use.functionId !== null) this.describeTupleKey(use, keys);
  }

  /**
   * `d[plan, annual] = …`: bounded when every part is, each judged like a key of its own; the
   * parts that depend on callers or on an annotation's class go to the link step as `keyParts`.
   */
  private describeTupleKey(use: PendingUse, keys: readonly SyntaxNode[]): void {
    if (keys.every((k) => this.fromClasses(k))) {
      use.keyBounded = true;
      return;
    }
    const parts: { keyParam?: string; keyAnnotation?: string }[] = [];
    for (const key of keys) {
      const part: PendingUse = { info: use.info, op: use.op, method: use.method, node: use.node, functionId: use.functionId };
      this.describeKey(part, key);
      if (part.keyBounded) continue;
      if (part.keyLoopSource !== undefined || part.keyParts || (part.keyParam === undefined && part.keyAnnotation === undefined)) return;
      parts.push({ ...(part.keyParam !== undefined ? { keyParam: part.keyParam } : {}), ...(part.keyAnnotation !== undefined ? { keyAnnotation: part.keyAnnotation } : {}) });
    }
    if (parts.length === 0) use.keyBounded = true;
    else use.keyParts = parts;
  }

  /**
   * Where the key of a store comes from: a small fixed set (a loop over a literal, a `bool`,
   * `Literal[...]` or `type[...]` parameter), or a parameter that the link step judges by its callers.
   */
  private describeKey(use: PendingUse, key: SyntaxNode): void {
    if (use.functionId === null) return;
    if (this.fromClasses(key)) {
      use.keyBounded = true;
      return;
    }
    // `d[rule.name] = …` in `for rule in RULES:`: one key per element, like the loop variable itself.
    if (key.type === 'attribute') {
      let root: SyntaxNode | undefined = key;
      while (root?.type === 'attribute') root = field(root, 'object');
      const loop = root?.type === 'identifier' ? this.model.lookup(root.text, root) : undefined;
      if (!root || loop?.binding.kind !== 'assignment' || loop.binding.node.type !== 'for_statement') return;
      key = root;
    }
    if (key.type !== 'identifier') return;
    const found = this.model.lookup(key.text, key);
    if (!found || found.scope.kind !== 'function') return;
    const { binding } = found;
    // A parameter of an enclosing function (`def provide(iface: type[T]):` … `def deco(f): _providers[iface] = f`)
    // is judged by its annotation only: its callers are the outer function's.
    const own = found.scope.id === use.functionId;
    if (!own && binding.kind !== 'parameter') return;
    if (binding.kind === 'parameter') {
      const param = binding.node;
      if (param.type === 'list_splat_pattern' || param.type === 'dictionary_splat_pattern') return;
      const typeNode = param.type === 'typed_parameter' || param.type === 'typed_default_parameter' ? field(param, 'type') : undefined;
      const annotation = typeNode?.children.find((c) => c.isNamed) ?? typeNode;
      const text = annotation ? this.text(annotation).trim() : '';
      if (isBoundedAnnotation(text, annotation, this.model)) {
        use.keyBounded = true;
        return;
      }
      if (own) use.keyParam = key.text;
      const resolved = annotation ? annotatedClass(this.model, annotation) : null;
      if (resolved) use.keyAnnotation = resolved;
      return;
    }
    // `new = _TRANSITIONS[(state, event)]`; `d[new] = …`: one of the values of an UPPER_CASE table of constants.
    if (own && binding.kind === 'assignment' && binding.node.type === 'assignment' && field(binding.node, 'left')?.type === 'identifier') {
      const right = field(binding.node, 'right');
      // `key = (plan, annual)`; `d[key] = …`: a tuple key built once, judged by its parts.
      const tuple = right?.type === 'parenthesized_expression' ? namedChildren(right)[0] : right;
      if (tuple?.type === 'tuple' && bindsOnce(found.scope.node, key.text)) {
        this.describeTupleKey(use, namedChildren(tuple).filter((c) => c.type !== 'comment'));
        return;
      }
      const table = right?.type === 'subscript' ? field(right, 'value') : undefined;
      if (table?.type === 'identifier' && CONSTANT_TABLE.test(table.text) && this.model.lookup(table.text, table)?.scope.kind === 'module'
        && bindsOnce(found.scope.node, key.text)) use.keyBounded = true;
      return;
    }
    if (binding.kind !== 'assignment' || binding.node.type !== 'for_statement') return;
    const left = field(binding.node, 'left');
    const right = field(binding.node, 'right');
    if (!left || !right || !(left.type === 'identifier' ? left.text === key.text : mentions(left, key.text))) return;
    // `for name in NAMES`, `for name in NAMES.items()`, `for i in range(256)`, `for x in ("a", "b")`.
    let source = right;
    // `for name, module in list(REGISTRY.items())`: a copy walks the same keys.
    const copied = source.type === 'call' ? field(source, 'function') : undefined;
    const copiedArgs = copied ? namedChildren(field(source, 'arguments')) : [];
    if (copied?.type === 'identifier' && /^(list|tuple|sorted|set|frozenset)$/.test(copied.text) && copiedArgs.length === 1
      && copiedArgs[0]!.type !== 'keyword_argument' && !this.model.lookup(copied.text, copied)) source = copiedArgs[0]!;
    if (source.type === 'call') {
      const fn = field(source, 'function');
      const args = namedChildren(field(source, 'arguments'));
      if (fn?.type === 'identifier' && fn.text === 'range' && !this.model.lookup('range', fn)) {
        // `range(256)`, `range(MAX_SHARDS)`: not `range(n)` with `n` from the caller.
        const constant = (a: SyntaxNode) => a.type === 'integer'
          || (a.type === 'identifier' && this.model.lookup(a.text, a)?.scope.kind === 'module');
        if (args.length > 0 && args.every(constant)) use.keyBounded = true;
        return;
      }
      const object = fn?.type === 'attribute' ? field(fn, 'object') : undefined;
      if (!object || args.length > 0 || !/^(items|keys|values)$/.test(field(fn!, 'attribute')?.text ?? '')) return;
      source = object;
    }
    if (isLiteralCollection(source)) {
      use.keyBounded = true;
      return;
    }
    const owner = source.type === 'identifier' ? this.model.lookup(source.text, source) : undefined;
    if (owner?.scope.kind === 'module' && owner.binding.kind === 'assignment') {
      use.keyLoopSource = source.text;
      return;
    }
    // `from .registry import REGISTRY` … `for name in REGISTRY:`: that module's container, by its absolute name.
    if (owner?.scope.kind === 'module' && owner.binding.kind === 'import' && owner.binding.fact.kind === 'member') {
      const absolute = this.model.resolveDotted(source.text, source);
      if (absolute) use.keyLoopSource = absolute;
      return;
    }
    // `for level in Level:` walks an enum's members (decided in the link step, as for an annotation).
    const iterated = source.type === 'identifier' || source.type === 'attribute' ? annotatedClass(this.model, source) : null;
    if (iterated) use.keyAnnotation = iterated;
  }

  /**
   * A key with one value per class: a class key (`type(node)`, `cls`), a constant, a tuple of
   * those (`(type(self), type(node))`), or a function local bound once to one of them
   * (`key = (type(self), type(node))`; `d[key] = …`). Visitor dispatch tables keyed this way
   * hold one entry per class pair, not one per call.
   */
  private fromClasses(key: SyntaxNode, depth = 0): boolean {
    if (isFixedKey(key) || isClassKey(key)) return true;
    if (depth > 3) return false;
    if (key.type === 'tuple' || key.type === 'parenthesized_expression') {
      const parts = namedChildren(key);
      return parts.length > 0 && parts.every((p) => this.fromClasses(p, depth + 1));
    }
    if (key.type !== 'identifier') return false;
    const found = this.model.lookup(key.text, key);
    if (!found || found.scope.kind !== 'function' || found.binding.kind !== 'assignment') return false;
    const { node } = found.binding;
    if (node.type !== 'assignment' || field(node, 'left')?.type !== 'identifier') return false;
    const right = field(node, 'right');
    // The cheap test first: most keys are not built from classes, and bindsOnce walks the whole body.
    return !!right && this.fromClasses(right, depth + 1) && bindsOnce(found.scope.node, key.text);
  }

  /**
   * A literal, or a parameter of the enclosing function, stored as is; or a fresh object that
   * owes nothing to the key (`asyncio.Lock()`, `time.time()`): per-key state, not a computed result.
   */
  private isPlainValue(value: SyntaxNode, depth = 0): boolean {
    if (LITERAL_TYPES.has(value.type)) return true;
    if (value.type === 'call' && depth === 0) return this.isFreshObject(value);
    if (value.type === 'identifier') return this.model.lookup(value.text, value)?.binding.kind === 'parameter';
    if (CONTAINER_LITERALS.has(value.type) && depth === 0) {
      return value.children.every((c) => !c.isNamed || c.type === 'comment' || this.isPlainValue(c, depth + 1));
    }
    return false;
  }

  /** `asyncio.Lock()`, `Session()`, `time.time()`: a module-level callee given only literals (not `key.lower()`). */
  private isFreshObject(call: SyntaxNode): boolean {
    const callee = field(call, 'function');
    const dotted = callee ? dottedName(callee) : null;
    if (!callee || dotted === null) return false;
    const head = dotted.split('.')[0]!;
    const found = this.model.lookup(head, callee);
    if (found && found.scope.kind !== 'module' && found.binding.kind !== 'import') return false;
    return namedChildren(field(call, 'arguments')).every((a) => LITERAL_TYPES.has(a.type));
  }

  private guardedByMembership(at: SyntaxNode, container: SyntaxNode, key: SyntaxNode): boolean {
    const containerText = this.text(container);
    const keyText = this.text(key);
    for (let p = at.parent; p && p.type !== 'function_definition' && p.type !== 'module'; p = p.parent) {
      if (p.type !== 'if_statement' && p.type !== 'elif_clause') continue;
      const condition = field(p, 'condition');
      if (condition?.type !== 'comparison_operator') continue;
      const operators = condition.children.filter((c) => c.field === 'operators');
      if (operators.length !== 1 || operators[0]!.type !== 'in') continue;
      const operands = condition.children.filter((c) => c.isNamed && c.field !== 'operators');
      if (operands.length === 2 && this.text(operands[0]!) === keyText && this.text(operands[1]!) === containerText) return true;
    }
    return false;
  }

  /**
   * `module = importlib.reload(REGISTRY[name])` … `REGISTRY[name] = module`: a plain `d[k]` read in
   * the store's own right-hand side, or in an earlier statement of the function body outside any
   * branch, loop or `try`, raises for a missing key, so the store replaces an entry already there.
   */
  private readBeforeStore(at: SyntaxNode, container: SyntaxNode, key: SyntaxNode): boolean {
    const fn = ancestor(at, 'function_definition');
    const body = fn ? field(fn, 'body') : undefined;
    // Deep into a very long function, walking everything before the store costs more than it tells.
    if (!body || at.start - body.start > 20_000) return false;
    const containerText = this.text(container);
    const keyText = this.text(key);
    const reads = (root: SyntaxNode): boolean => {
      let found = false;
      walk(root, (n) => {
        if (found || CONDITIONAL_CODE.has(n.type)) return false;
        if (n.type === 'delete_statement') return false;
        if (n.type === 'subscript' && n !== at && field(n, 'value') && this.text(field(n, 'value')!) === containerText) {
          const keys = subscriptKeys(n);
          if (keys.length === 1 && this.text(keys[0]!) === keyText) found = true;
        }
        return !found;
      });
      return found;
    };
    const holder = at.parent?.type === 'assignment' && at.field === 'left' ? at.parent : undefined;
    const right = holder ? field(holder, 'right') : undefined;
    if (right && reads(right)) return true;
    for (const stmt of body.children) {
      if (stmt.end > at.start) break;
      if (reads(stmt)) return true;
    }
    return false;
  }

  /**
   * tree-sitter-python reads `type(self).registry[k] = v` and `type(self).registry = {}` as a
   * PEP 695 `type` alias (`type (self).registry[k] = v`): recover the assignment to the class attribute.
   */
  private visitMisparsedTypeAssignment(node: SyntaxNode): void {
    const target = field(node, 'left')?.children.find((c) => c.isNamed);
    if (!target || (target.type !== 'subscript' && target.type !== 'attribute')) return;
    const { target: attribute, depth } = subscriptRoot(target);
    if (attribute.type !== 'attribute') return;
    const object = field(attribute, 'object');
    const attr = field(attribute, 'attribute')?.text;
    const inner = object?.type === 'parenthesized_expression' ? object.children.find((c) => c.isNamed) : undefined;
    if (!attr || inner?.type !== 'identifier') return;
    const receiver = this.receiverOf(inner);
    if (!receiver) return;
    const info = selfRef(receiver.classId, attr, true);
    const fnId = this.model.enclosingFunctionId(node);
    if (depth === 0) this.push(info, 'reassign', '=', node, fnId);
    else if (field(target, 'subscript')?.type === 'slice' && depth === 1) this.push(info, 'shrink', '[:]=', node, fnId);
    else {
      const use = this.push(info, 'grow', '[]=', target, fnId);
      const value = field(node, 'right')?.children.find((c) => c.isNamed);
      if (value?.type === 'identifier' && value.text === 'self') use.addsSelf = true;
    }
  }

  private visitAugmented(node: SyntaxNode): void {
    const left = field(node, 'left');
    const operator = node.children.find((c) => c.field === 'operator')?.type ?? '';
    if (left?.type === 'subscript') {
      // `hits[ip] += 1`: a new key on a defaultdict or Counter (the rules check the constructor).
      // `stats[player]["wins"] += 1`: reading `stats[player]` adds the key to a defaultdict.
      let outer: SyntaxNode = left;
      while (field(outer, 'value')?.type === 'subscript') outer = field(outer, 'value')!;
      const keys = subscriptKeys(outer);
      const value = field(outer, 'value');
      if (keys.length === 0 || !value || keys[0]!.type === 'slice' || keys.every((k) => isFixedKey(k) || isClassKey(k))) return;
      if ((value.type === 'identifier' || value.type === 'attribute') && this.mayNameContainer(value)) {
        const info = this.refOf(value);
        if (info && info.ref.kind !== 'attribute') {
          const use = this.push(info, 'grow', '[]+=', outer, this.model.enclosingFunctionId(node));
          // `hits[k] += 1` tallies (bounded by its keys); `d[k] += [x]` also grows the value, and so
          // does `d[k][w] += 1` unless `w` is a fixed field name (`d[k]["wins"]`).
          const right = field(node, 'right');
          const innerFixed = outer === left || subscriptKeys(left).every((k) => isFixedKey(k));
          if (right && innerFixed && !CONTAINER_LITERALS.has(right.type) && !/comprehension$/.test(right.type)) this.describeKeys(use, keys);
        }
      }
      return;
    }
    if (!left || (left.type !== 'identifier' && left.type !== 'attribute')) return;
    const op: ContainerOp | null = operator === '+=' || operator === '|=' ? 'grow' : operator === '-=' || operator === '&=' ? 'shrink' : null;
    if (!op) return;
    if (left.type === 'identifier' && !this.model.scopeOf(node).declaredOuter.has(left.text) && this.model.scopeOf(node).kind !== 'module') return;
    const info = this.refOf(left);
    if (info) this.push(info, op, operator, node, this.model.enclosingFunctionId(node));
  }

  private visitDelete(node: SyntaxNode): void {
    const fnId = this.model.enclosingFunctionId(node);
    if (fnId === null && this.model.scopeOf(node).kind === 'module') {
      for (const c of node.children.flatMap((c) => (c.type === 'expression_list' ? c.children : [c]))) {
        if (c.type === 'identifier') this.deletedNames.add(c.text);
      }
    }
    const targets = node.children.flatMap((c) => (c.type === 'expression_list' ? c.children : [c])).filter((c) => c.isNamed);
    for (const target of targets) {
      if (target.type === 'subscript') {
        const { target: root } = subscriptRoot(target);
        const info = this.refOf(root);
        if (info) this.push(info, 'shrink', 'del', target, fnId);
      } else if (target.type === 'identifier' || target.type === 'attribute') {
        const info = this.refOf(target);
        if (info) this.push(info, 'reassign', 'del', target, fnId);
      }
    }
  }

  /** `x.append(…)`, `x.clear` passed as a callback, `x.get(k)`: every method of a container, called or not. */
  private visitAttribute(node: SyntaxNode): void {
    const attr = field(node, 'attribute')?.text;
    if (!attr) return;
    const object = field(node, 'object');
    if (!object) return;
    if (attr === 'cache_clear') {
      this.recordCacheClear(node, object);
      return;
    }
    const grow = GROW_METHODS.has(attr);
    const shrink = SHRINK_METHODS.has(attr);
    const read = READ_METHODS.has(attr);
    if (!grow && !shrink && !read) return;
    let { target, depth } = object.type === 'subscript' ? subscriptRoot(object) : { target: object, depth: 0 };
    // `_hooks.get(event, []).remove(fn)`: removes from an entry of the container.
    const entryOf = shrink && object.type === 'call' ? entryLookupOwner(object) : null;
    if (entryOf) ({ target, depth } = { target: entryOf, depth: 1 });
    if (shrink && target.type === 'identifier' && !this.containerNames.has(target.text)) {
      // `lst = _subs.get(topic)` … `lst.remove(cb)`: removes from an entry of the container.
      const owner = this.elementOwner(target);
      if (owner) ({ target, depth } = { target: owner, depth: 1 });
    }
    if (target.type === 'identifier' && !this.containerNames.has(target.text)) return;
    const info = this.refOf(target);
    if (!info) return;
    if (info.ref.kind === 'attribute' && !shrink) return;
    const fnId = this.model.enclosingFunctionId(node);
    const call = node.parent?.type === 'call' && node.field === 'function' ? node.parent : undefined;
    if (shrink) {
      this.push(info, 'shrink', depth ? `[].${attr}` : attr, node, fnId);
      return;
    }
    if (depth > 0) {
      if (grow) this.push(info, 'grow', `[].${attr}`, node, fnId);
      return;
    }
    if (attr === 'update' && call && updatesFixedKeys(call)) return;
    if (read || attr === 'setdefault') {
      // `d.setdefault(k, []).append(x)` groups (a registry); `return d.setdefault(k, v)` memoizes.
      const chained = call?.parent?.type === 'attribute' && call.field === 'object';
      if (read || !chained) this.push(info, 'read', attr, node, fnId);
    }
    if (grow) {
      const args = call ? field(call, 'arguments') : undefined;
      const values = args ? args.children.filter((c) => c.isNamed && c.type !== 'comment') : [];
      // `if "shell" not in ms: ms.insert(2, "shell")`: one fixed item, added once.
      if (values.length > 0 && values.every(isLiteralConstantOrNone) && this.guardedByContent(node, target)) return;
      // `d.setdefault(k, []).append(x)` adds an item per call (a listener list per key), unlike a
      // keyed store: named after both calls so that it is not taken for one.
      const outer = attr === 'setdefault' && call?.parent?.type === 'attribute' && call.field === 'object'
        ? field(call.parent, 'attribute')?.text : undefined;
      const use = this.push(info, 'grow', outer ? `setdefault().${outer}` : attr, node, fnId);
      if (values.some((v) => v.type === 'identifier' && v.text === 'self')) use.addsSelf = true;
      if (attr === 'setdefault' && call) this.storeUses.set(call, use);
      if (attr === 'setdefault' && values[1] && this.isPlainValue(values[1])) use.plainValue = true;
      // `d.setdefault(k, []).append(x)` grows the value, however few the keys.
      if (attr === 'setdefault' && values[0] && !(call?.parent?.type === 'attribute' && call.field === 'object')) this.describeKey(use, values[0]);
    }
  }

  /**
   * For a function local bound once to an entry of a container (`lst = d[k]`, `d.get(k)`,
   * `d.setdefault(k, [])`): the container expression. Only used for removals, which then count
   * as removals from the container's entries (`d[k].remove(x)`).
   */
  private elementOwner(identifier: SyntaxNode): SyntaxNode | null {
    const found = this.model.lookup(identifier.text, identifier);
    if (!found || found.scope.kind !== 'function' || found.binding.kind !== 'assignment') return null;
    const { node } = found.binding;
    // `for store in _components.values(): store.pop(eid, None)`, `for _, subs in d.items(): subs.discard(x)`.
    if (node.type === 'for_statement') {
      const owner = valuesLoopOwner(node, identifier.text);
      return owner && this.mayNameContainer(owner) ? owner : null;
    }
    if (node.type !== 'assignment' || field(node, 'left')?.type !== 'identifier') return null;
    if (!bindsOnce(found.scope.node, identifier.text)) return null;
    const right = field(node, 'right');
    let owner: SyntaxNode | undefined;
    if (right?.type === 'subscript') owner = subscriptRoot(right).target;
    else if (right?.type === 'call') {
      const fn = field(right, 'function');
      const method = fn?.type === 'attribute' ? field(fn, 'attribute')?.text : undefined;
      if (method === 'get' || method === 'setdefault') owner = field(fn!, 'object');
    }
    return owner && this.mayNameContainer(owner) ? owner : null;
  }

  private recordCacheClear(node: SyntaxNode, object: SyntaxNode): void {
    const dotted = dottedName(object);
    if (dotted === null) return;
    const head = dotted.split('.')[0]!;
    let target: string | null;
    if (head === 'self' || head === 'cls') {
      target = this.model.lookup(head, object)?.binding.kind === 'parameter' ? dotted : null;
    } else {
      target = this.model.resolveDotted(dotted, object);
    }
    if (target) this.cacheClears.push({ target, functionId: this.model.enclosingFunctionId(node), span: this.span(node) });
  }

  /** `d[k]` read (not an assignment or `del` target). */
  private visitSubscriptRead(node: SyntaxNode): void {
    if (node.field === 'left' || node.parent?.type === 'delete_statement' || node.parent?.type === 'expression_list' && node.parent.parent?.type === 'delete_statement') return;
    if (node.field === 'value' && node.parent?.type === 'subscript') return; // the outer subscript reads
    if (node.field === 'object' && node.parent?.type === 'attribute') return; // `d[k].append`: visited as an attribute
    const value = field(node, 'value');
    if (!value || (value.type !== 'identifier' && value.type !== 'attribute')) return;
    if (!this.mayNameContainer(value)) return;
    const fnId = this.model.enclosingFunctionId(node);
    if (fnId === null) return;
    const info = this.refOf(value);
    if (info && info.ref.kind !== 'attribute') this.push(info, 'read', '[]', node, fnId);
  }

  private visitComparison(node: SyntaxNode): void {
    const operators = node.children.filter((c) => c.field === 'operators');
    if (operators.some((o) => o.type === 'in' || o.type === 'not in')) {
      const operands = node.children.filter((c) => c.isNamed && c.field !== 'operators');
      const container = operands[operands.length - 1];
      const fnId = container && this.mayNameContainer(container) ? this.model.enclosingFunctionId(node) : null;
      if (fnId !== null && container && (container.type === 'identifier' || container.type === 'attribute')) {
        const info = this.refOf(container);
        if (info && info.ref.kind !== 'attribute') this.push(info, 'read', 'in', node, fnId);
      }
    }
    // Expiry comparisons are found from their operands: see onTimeSource() and visitIdentifier().
  }

  /**
   * `while True:` / `while 1:` with no `break` or `return` of its own (a serve or poll loop, not a
   * read-until-EOF loop): its function keeps running until the process stops.
   */
  private visitWhile(node: SyntaxNode): void {
    const condition = field(node, 'condition');
    if (condition && this.isServiceCondition(condition)) {
      this.repeatLoops.push({ functionId: this.model.enclosingFunctionId(node), start: node.start, end: node.end });
      return;
    }
    if (!condition || !(condition.type === 'true' || (condition.type === 'integer' && condition.text === '1'))) return;
    const body = field(node, 'body');
    let exits = false;
    if (body) {
      walk(body, (n) => {
        if (exits || FUNCTION_BOUNDARIES.has(n.type)) return false;
        if (n.type === 'return_statement') exits = true;
        // A `break` inside a nested loop ends that loop, not this one.
        if (n.type === 'break_statement' && ancestor(n, LOOP_TYPES) === node) exits = true;
        return !exits;
      });
    }
    const fnId = this.model.enclosingFunctionId(node);
    if (!exits) this.repeatLoops.push({ functionId: fnId, start: node.start, end: node.end });
    if (!exits && fnId !== null) this.loopsForever.add(fnId);
  }

  /**
   * The condition of a service loop, which runs until something outside asks it to stop:
   * `not stop.is_set()`, `not stop.wait(1)`, `not self._stopped`, `not self.should_stop()`,
   * `self.running`, `worker.is_alive()`. A flag local to the function (`while not done:` in a
   * read loop) is the loop's own business, not a stop signal.
   */
  private isServiceCondition(condition: SyntaxNode): boolean {
    let node = condition;
    while (node.type === 'parenthesized_expression' && namedChildren(node).length === 1) node = namedChildren(node)[0]!;
    const negated = node.type === 'not_operator';
    if (negated) {
      const operand = field(node, 'argument') ?? namedChildren(node)[0];
      if (!operand) return false;
      node = operand;
    }
    const words = negated ? STOP_SIGNAL : RUN_SIGNAL;
    if (node.type === 'call') {
      const fn = field(node, 'function');
      const method = fn?.type === 'attribute' ? field(fn, 'attribute')?.text : undefined;
      if (!method) return false;
      return negated ? method === 'is_set' || method === 'wait' || words.test(method) : words.test(method);
    }
    if (node.type === 'attribute') return words.test(field(node, 'attribute')?.text ?? '');
    if (node.type !== 'identifier' || !words.test(node.text)) return false;
    const found = this.model.lookup(node.text, node);
    return !!found && !(found.scope.kind === 'function' && found.scope.id === this.model.enclosingFunctionId(node));
  }

  /** `for line in sys.stdin:`, `fileinput.input()`, `iter(jobs.get, None)`: an input with no set end. */
  private visitFor(node: SyntaxNode): void {
    const right = field(node, 'right');
    if (!right) return;
    let endless = false;
    if (right.type === 'call') {
      const fn = field(right, 'function');
      const args = namedChildren(field(right, 'arguments'));
      // `iter(jobs.get, None)` consumes a queue; `iter(lambda: f.read(4096), b"")` only reads a file to its end.
      if (fn?.type === 'identifier' && fn.text === 'iter' && args.length === 2 && args[1]!.type !== 'string' && !this.model.lookup('iter', fn)) endless = true;
      const dotted = fn ? dottedName(fn) : null;
      const resolved = dotted ? this.model.resolveDotted(dotted, fn!) : null;
      if (resolved === 'fileinput.input' || resolved === 'fileinput.FileInput') endless = true;
    } else if (right.type === 'attribute' || right.type === 'identifier') {
      const dotted = dottedName(right);
      const resolved = dotted ? this.model.resolveDotted(dotted, right) : null;
      if (resolved === 'sys.stdin' || resolved === 'sys.stdin.buffer') endless = true;
    }
    if (endless) this.repeatLoops.push({ functionId: this.model.enclosingFunctionId(node), start: node.start, end: node.end });
  }

  /**
   * `return out` after `out = []`, `return [f(x) for x in xs]`: a list, dict or set the function
   * built — results handed back, never the function or class a decorator returns.
   */
  private isBuiltContainer(value: SyntaxNode, scope: Scope): boolean {
    if (BUILT_CONTAINERS.has(value.type)) return true;
    if (value.type !== 'identifier') return false;
    const found = this.model.lookup(value.text, value);
    if (found?.scope !== scope || found.binding.kind !== 'assignment' || found.binding.node.type !== 'assignment') return false;
    const right = field(found.binding.node, 'right');
    return !!right && BUILT_CONTAINERS.has(right.type) && bindsOnce(scope.node, value.text);
  }

  private visitReturn(node: SyntaxNode): void {
    const value = node.children.find((c) => c.isNamed);
    if (!value) return;
    const scope = this.model.scopeOf(node);
    if (scope.kind !== 'function') return;
    if (value.type !== 'none' && !this.isBuiltContainer(value, scope)) this.returnsValue.add(scope.id);
    if (value.type === 'identifier') {
      const found = this.model.lookup(value.text, value);
      // `return self` in a method is a fluent API, not a decorator handing back what it registered.
      const receiver = receiverOfMethod(scope) ? 1 : 0;
      if (found?.scope === scope && found.binding.kind === 'parameter' && firstParamName(scope.node, receiver) === value.text) {
        this.returnsFirstParam.add(scope.id);
      } else {
        this.returnsOther.add(scope.id);
      }
    } else if (value.type !== 'none') {
      this.returnsOther.add(scope.id);
    }
    if (this.returnsNestedFunction(value, scope)) this.returnsClosure.add(scope.id);
  }

  /**
   * Whether a returned value hands out a function defined here: `return wrapper`, `return lambda…`,
   * `return wraps(fn)(wrapper)`, `return wrapper, reset`. Calling it (`return inner(x)`) or passing a
   * lambda to a call (`sorted(xs, key=lambda…)`) does not.
   */
  private returnsNestedFunction(value: SyntaxNode, scope: Scope): boolean {
    const isNested = (n: SyntaxNode): boolean => {
      if (n.type === 'lambda') return true;
      if (n.type !== 'identifier') return false;
      const hit = this.model.lookup(n.text, n);
      return hit?.scope === scope && (hit.binding.kind === 'function' || hit.binding.kind === 'class');
    };
    const candidates = value.type === 'tuple' || value.type === 'expression_list' ? value.children.filter((c) => c.isNamed) : [value];
    return candidates.some((c) => {
      if (isNested(c)) return true;
      if (c.type !== 'call') return false;
      const args = field(c, 'arguments');
      return !!args && args.children.some((a) => a.type === 'identifier' && isNested(a));
    });
  }

  /** A container named as a call argument or inside a literal may be mutated elsewhere. */
  private visitIdentifierEscape(node: SyntaxNode): void {
    const parent = node.parent;
    if (!parent) return;
    // Take the whole `a.b.c` chain at its top.
    let expression: SyntaxNode = node;
    if (parent.type === 'attribute') {
      if (node.field !== 'object') return;
      let top = parent;
      while (top.parent?.type === 'attribute' && top.field === 'object') top = top.parent;
      expression = top;
    }
    const holder = expression.parent;
    if (!holder) return;
    const inArgs = holder.type === 'argument_list' || (holder.type === 'keyword_argument' && expression.field === 'value');
    const inLiteral = holder.type === 'list' || holder.type === 'tuple' || holder.type === 'set'
      || (holder.type === 'pair' && expression.field === 'value');
    if (!inArgs && !inLiteral) return;
    if (!this.mayNameContainer(expression)) return;
    if (inArgs) {
      const call = holder.type === 'argument_list' ? holder.parent : holder.parent?.parent;
      if (call?.type === 'call' && this.isReadingCall(call)) return;
      if (call?.type === 'decorator' || call?.parent?.type === 'decorator') return;
    }
    if (expression.type === 'attribute' && GROW_METHODS.has(field(expression, 'attribute')?.text ?? '')) return;
    const info = this.refOf(expression);
    if (!info || info.ref.kind === 'attribute') return;
    if (inArgs && info.ref.kind === 'closure' && this.defaultArgKeys.has(info.ref.key) && this.isRecursiveCall(holder)) return;
    const use = this.push(info, 'escape', inArgs ? 'argument' : 'literal', expression, this.model.enclosingFunctionId(expression));
    if (inArgs) use.passedTo = this.argumentSlot(holder, expression) ?? undefined;
  }

  /** Which callee and argument slot `expression` fills (`f(a, x)` → position 1, `f(items=x)` → `items`). */
  private argumentSlot(holder: SyntaxNode, expression: SyntaxNode): PendingUse['passedTo'] | null {
    const call = holder.type === 'argument_list' ? holder.parent : holder.parent?.parent;
    const fn = call?.type === 'call' ? field(call, 'function') : undefined;
    const callee = fn ? this.model.resolveExpression(fn) : null;
    if (!callee) return null;
    if (holder.type === 'keyword_argument') return { callee, position: null, keyword: field(holder, 'name')?.text ?? null };
    let position = 0;
    for (const arg of holder.children) {
      if (!arg.isNamed || arg.type === 'comment') continue;
      if (arg === expression) return { callee, position, keyword: null };
      // After `*args` the position is unknown.
      if (arg.type === 'list_splat' || arg.type === 'dictionary_splat' || arg.type === 'keyword_argument') return null;
      position++;
    }
    return null;
  }

  /**
   * Parameters that their function only reads: every use iterates, tests, indexes, measures or
   * hands the value to a reading builtin. A container passed in there stays where it was.
   */
  private readOnlyParams(): string[] {
    const out: string[] = [];
    walk(this.model.root, this.collectReadOnlyParams.bind(this, out));
    return out.sort();
  }

  /** Adds the read-only parameters of `node`, when it is a function, to `out`. */
  private collectReadOnlyParams(out: string[], node: SyntaxNode): void {
    if (node.type !== 'function_definition') return;
    const scope = this.model.scopeFor(node);
    const body = field(node, 'body');
    if (!scope || !body) return;
    const params = new Map<string, Binding>();
    for (const [name, binding] of scope.bindings) if (binding.kind === 'parameter') params.set(name, binding);
    if (params.size === 0) return;
    const written = new Set<string>();
    // One pass over the body for all parameters.
    walk(body, (n) => {
      if (n.type !== 'identifier' || written.has(n.text)) return;
      const binding = params.get(n.text);
      if (!binding || this.model.lookup(n.text, n)?.binding !== binding) return;
      if (!this.isPlainRead(n)) written.add(n.text);
    });
    for (const name of params.keys()) if (!written.has(name)) out.push(`${scope.id}\u0000${name}`);
  }

  private isPlainRead(n: SyntaxNode): boolean {
    const p = n.parent;
    if (!p) return false;
    switch (p.type) {
      case 'for_statement': case 'for_in_clause': return n.field === 'right';
      case 'comparison_operator': case 'not_operator': case 'boolean_operator': return true;
      case 'if_statement': case 'while_statement': case 'elif_clause': case 'conditional_expression': return n.field === 'condition';
      case 'subscript': {
        if (n.field !== 'value') return false;
        // `items[k] = v` / `del items[k]` change it.
        for (let a: SyntaxNode | null = p, child: SyntaxNode = n; a; child = a, a = a.parent) {
          if (a.type === 'delete_statement') return false;
          if ((a.type === 'assignment' || a.type === 'augmented_assignment') && child.field === 'left') return false;
          if (a.type !== 'subscript' && a.type !== 'pattern_list' && a.type !== 'tuple_pattern') break;
        }
        return true;
      }
      case 'attribute':
        return n.field === 'object' && PARAM_READ_METHODS.has(field(p, 'attribute')?.text ?? '')
          && p.parent?.type === 'call' && p.field === 'function';
      case 'argument_list': {
        const call = p.parent;
        const fn = call?.type === 'call' ? field(call, 'function') : undefined;
        if (!fn) return false;
        if (fn.type === 'attribute' && READING_METHOD_NAMES.has(field(fn, 'attribute')?.text ?? '')) return true;
        const name = this.model.resolveExpression(fn);
        const bare = name?.startsWith('builtins.') ? name.slice('builtins.'.length) : name;
        return !!bare && (READING_FUNCTIONS.has(bare) || bare.startsWith('itertools.'));
      }
      default: return false;
    }
  }

  /** A cheap first look: could this name or `self.x` chain be a container (before any scope lookup)? */
  private mayNameContainer(expression: SyntaxNode): boolean {
    if (expression.type === 'identifier') return this.containerNames.has(expression.text);
    if (expression.type !== 'attribute') return false;
    let head = expression;
    while (head.type === 'attribute') {
      const object = field(head, 'object');
      if (!object) return false;
      if (object.type === 'identifier') {
        if (object.text === 'self' || object.text === 'cls') return this.containerAttrs.has(field(expression, 'attribute')?.text ?? '');
        return this.containerNames.has(object.text);
      }
      if (object.type !== 'attribute') return object.type === 'call'; // `type(self).x`
      head = object;
    }
    return false;
  }

  private isReadingCall(call: SyntaxNode): boolean {
    const fn = field(call, 'function');
    if (!fn) return false;
    if (fn.type === 'attribute') {
      const attr = field(fn, 'attribute')?.text ?? '';
      if (READING_METHOD_NAMES.has(attr)) return true;
    }
    const name = this.model.resolveExpression(fn);
    if (!name) return false;
    const bare = name.startsWith('builtins.') ? name.slice('builtins.'.length) : name;
    return READING_FUNCTIONS.has(bare) || name.startsWith('itertools.') || name.startsWith('pprint.')
      || GROWING_FUNCTIONS.has(name) || SHRINKING_FUNCTIONS.has(name);
  }

  /** `alias = _registry` hands the container to another name: its mutations are out of sight. */
  private escapeByAlias(right: SyntaxNode, fnId: string | null, exposedAs: string | null): void {
    const info = this.refOf(right);
    if (!info || info.ref.kind === 'attribute') return;
    this.push(info, 'escape', exposedAs === null ? 'alias' : `expose:${exposedAs}`, right, fnId);
  }

  /**
   * `wrapper.cache = cache`: a memoize decorator hangs its dict on the function it returns. Only
   * a `<fn>.cache.clear()` (or `pop`, `del`…) somewhere frees it, not the exposure itself.
   */
  private exposedAs(left: SyntaxNode): string | null {
    if (left.type !== 'attribute') return null;
    const object = field(left, 'object');
    if (object?.type !== 'identifier') return null;
    return this.model.lookup(object.text, object)?.binding.kind === 'function' ? field(left, 'attribute')?.text ?? null : null;
  }

  // ---- timestamps and expiry ------------------------------------------------------------------
  // The walk is top-down, so a clock read (or a name holding one) reports itself upwards: to the
  // local it is assigned to, the `d[k] = …` it is stored by, or the comparison it is checked in.

  private onTimeSource(node: SyntaxNode): void {
    const fnId = this.model.enclosingFunctionId(node);
    if (fnId === null) return;
    let child = node;
    let grandchild = node;
    for (let p = node.parent; p && !STATEMENT_BOUNDARY.has(p.type); grandchild = child, child = p, p = p.parent) {
      if (p.type === 'comparison_operator' && hasOrderOperator(p)) this.expiryFunctions.add(fnId);
      if (p.type === 'assignment' && child.field === 'right') {
        const left = field(p, 'left');
        if (left?.type === 'identifier') this.addTimeLocal(fnId, left.text);
        else if (left?.type === 'subscript') this.markStore(p);
        else if (left && (left.type === 'pattern_list' || left.type === 'tuple_pattern') && child !== grandchild) {
          // `start, count = now, 0`: the target in the clock read's position holds a timestamp.
          const targets = left.children.filter((c) => c.isNamed);
          const values = child.children.filter((c) => c.isNamed);
          const target = targets.length === values.length ? targets[values.indexOf(grandchild)] : undefined;
          if (target?.type === 'identifier') this.addTimeLocal(fnId, target.text);
        }
      } else if (p.type === 'call') {
        this.markStore(p);
      }
    }
  }

  private markExpiry(call: SyntaxNode): void {
    const fnId = this.model.enclosingFunctionId(call);
    if (fnId !== null) this.expiryFunctions.add(fnId);
  }

  private markStore(holder: SyntaxNode): void {
    const use = this.storeUses.get(holder);
    if (use) use.storesTimestamp = true;
  }

  private addTimeLocal(fnId: string, name: string): void {
    let set = this.timeLocals.get(fnId);
    if (!set) this.timeLocals.set(fnId, (set = new Set()));
    set.add(name);
    this.timeLocalNames.add(name);
  }

  /** An identifier: a name holding a clock read, an expiry-ish name in a comparison, or an escape. */
  private visitIdentifier(node: SyntaxNode): void {
    if (this.timeLocalNames.has(node.text) && !isBindingOrMemberName(node)) {
      const fnId = this.model.enclosingFunctionId(node);
      if (fnId !== null && this.timeLocals.get(fnId)?.has(node.text)) this.onTimeSource(node);
    }
    if (EXPIRY_NAME.test(node.text)) {
      for (let p = node.parent; p && !STATEMENT_BOUNDARY.has(p.type); p = p.parent) {
        if (p.type === 'comparison_operator' && hasOrderOperator(p)) {
          const fnId = this.model.enclosingFunctionId(node);
          if (fnId !== null) this.expiryFunctions.add(fnId);
          break;
        }
      }
    }
    // `if entry is None or entry.expired:` — the entry class checks its own timestamp.
    if (node.field === 'attribute' && node.parent?.type === 'attribute' && EXPIRY_PREDICATE.test(node.text) && inCondition(node)) {
      const fnId = this.model.enclosingFunctionId(node);
      if (fnId !== null) this.expiryFunctions.add(fnId);
    }
    this.visitIdentifierEscape(node);
  }

  // ---- references ------------------------------------------------------------------------------

  private push(info: RefInfo, op: ContainerOp | 'read', method: string, node: SyntaxNode, functionId: string | null): PendingUse {
    const use: PendingUse = { info, op, method, node, functionId };
    // `request_finished.connect(lambda **kw: _cache.clear())` at module level: the lambda runs later, at run time.
    if (op === 'shrink' && functionId === null && inLambda(node, this.model)) use.inCallback = true;
    // `if not _patterns: _patterns.extend(...)` fills a container once, lazily: not growth.
    if (op === 'grow' && functionId !== null && this.inLazyInit(node)) return use;
    this.pending.push(use);
    return use;
  }

  /** Whether a statement sits under an `if` whose condition looks into the container itself. */
  private guardedByContent(node: SyntaxNode, container: SyntaxNode): boolean {
    const text = dottedName(container);
    if (text === null) return false;
    for (let p = node.parent; p && p.type !== 'function_definition' && p.type !== 'module'; p = p.parent) {
      if (p.type !== 'if_statement' && p.type !== 'elif_clause') continue;
      const condition = field(p, 'condition');
      if (condition && mentions(condition, text)) return true;
    }
    return false;
  }

  private inLazyInit(node: SyntaxNode): boolean {
    for (let p = node.parent; p && p.type !== 'function_definition' && p.type !== 'module'; p = p.parent) {
      if (p.type !== 'if_statement') continue;
      const condition = field(p, 'condition');
      if (condition?.type !== 'not_operator') continue;
      const operand = field(condition, 'argument');
      if (!operand || (operand.type !== 'identifier' && operand.type !== 'attribute')) continue;
      const info = this.refOf(operand);
      if (info && info.ref.kind !== 'attribute') return true;
    }
    return false;
  }

  private use(expression: SyntaxNode, op: ContainerOp, method: string, at: SyntaxNode): void {
    if (expression.type !== 'identifier' && expression.type !== 'attribute') return;
    const info = this.refOf(expression);
    if (!info || (info.ref.kind === 'attribute' && op !== 'shrink')) return;
    this.push(info, op, method, at, this.model.enclosingFunctionId(at));
  }

  /** What container (if any) an identifier or attribute chain names. */
  private refOf(node: SyntaxNode): RefInfo | null {
    if (node.type === 'identifier') return this.refOfName(node);
    if (node.type !== 'attribute') return null;
    const object = field(node, 'object');
    const attr = field(node, 'attribute')?.text;
    if (!object || !attr) return null;
    // `type(self).x`
    if (object.type === 'call') {
      const fn = field(object, 'function');
      const args = field(object, 'arguments');
      const only = args?.children.filter((c) => c.isNamed);
      if (fn?.type === 'identifier' && fn.text === 'type' && only?.length === 1 && only[0]!.type === 'identifier') {
        const receiver = this.receiverOf(only[0]!);
        if (receiver) return selfRef(receiver.classId, attr, true);
      }
      return null;
    }
    if (object.type === 'identifier') {
      const receiver = this.receiverOf(object);
      if (receiver) return selfRef(receiver.classId, attr, receiver.viaClass);
    }
    // `self.__class__.x`
    if (object.type === 'attribute' && field(object, 'attribute')?.text === '__class__') {
      const inner = field(object, 'object');
      const receiver = inner?.type === 'identifier' ? this.receiverOf(inner) : null;
      if (receiver) return selfRef(receiver.classId, attr, true);
    }
    const dotted = dottedName(node);
    if (dotted === null) return null;
    const head = dotted.slice(0, dotted.indexOf('.'));
    const found = this.model.lookup(head, node);
    if (found && (found.binding.kind === 'import' || found.scope.kind === 'module' || found.binding.kind === 'class')) {
      const name = this.model.resolveDotted(dotted, node);
      if (name) return { ref: { kind: 'qualified', name }, key: `q:${name}`, closureUse: false };
    }
    if (object.type === 'identifier' || object.type === 'attribute') {
      return { ref: { kind: 'attribute', attr }, key: `a:${attr}`, closureUse: false };
    }
    return null;
  }

  private refOfName(node: SyntaxNode): RefInfo | null {
    const found = this.model.lookup(node.text, node);
    if (!found) return null;
    const { scope, binding } = found;
    if (binding.kind === 'import') {
      if (binding.fact.kind !== 'member') return null;
      const name = this.model.resolveDotted(node.text, node);
      return name ? { ref: { kind: 'qualified', name }, key: `q:${name}`, closureUse: false } : null;
    }
    if (binding.kind === 'parameter') return this.defaultArgRef(binding.node, node.text, scope);
    if (binding.kind !== 'assignment' && binding.kind !== 'other') return null;
    if (scope.kind === 'module') {
      const name = `${this.model.module.name}.${node.text}`;
      return { ref: { kind: 'qualified', name }, key: `q:${name}`, closureUse: false };
    }
    if (scope.kind === 'class') {
      const name = `${this.model.module.name}.${scope.id}.${node.text}`;
      return { ref: { kind: 'qualified', name }, key: `q:${name}`, closureUse: false };
    }
    if (scope.kind !== 'function') return null;
    const key = `${scope.id}.<locals>.${node.text}`;
    if (!this.closureCandidates.has(key)) {
      const fact = this.closureContainer(binding, node.text, key, scope);
      if (!fact) return this.localAlias(binding, node.text, key, scope);
      this.closureCandidates.set(key, fact);
    }
    return { ref: { kind: 'closure', key }, key: `c:${key}`, closureUse: crossesFunction(this.model.scopeOf(node), scope) };
  }

  /** `fib(n - 1, memo)` inside `fib`: handing a default-argument memo back to its own function. */
  private isRecursiveCall(argumentHolder: SyntaxNode): boolean {
    const call = argumentHolder.type === 'argument_list' ? argumentHolder.parent : argumentHolder.parent?.parent;
    const callee = call?.type === 'call' ? field(call, 'function') : undefined;
    const fnId = this.model.enclosingFunctionId(argumentHolder);
    if (callee?.type !== 'identifier' || fnId === null) return false;
    const found = this.model.lookup(callee.text, callee);
    return found?.binding.kind === 'function' && fnId.split('.').pop() === callee.text && found.binding.node === this.model.scopeOf(argumentHolder).node;
  }

  /** `def f(x, _memo={})`: a dict default is built once, when the function is defined. */
  private visitDefaultParameter(node: SyntaxNode): void {
    const value = field(node, 'value');
    const name = parameterDefaultName(node);
    if (value && name && containerType(value, this.model) === 'dict') this.containerNames.add(name);
  }

  private defaultArgRef(parameter: SyntaxNode, name: string, scope: Scope): RefInfo | null {
    if (scope.kind !== 'function' || parameterDefaultName(parameter) !== name) return null;
    const value = field(parameter, 'value');
    if (!value || containerType(value, this.model) !== 'dict') return null;
    const key = `${scope.id}.<locals>.${name}`;
    if (!this.closureCandidates.has(key)) {
      this.closureCandidates.set(key, {
        key, name, scope: 'closure', ownerId: scope.id, type: 'dict', valueText: shorten(this.text(value)),
        span: this.span(parameter), isAnnotatedAttribute: false, isDefaultArgument: true,
      });
      this.defaultArgKeys.add(key);
    }
    return { ref: { kind: 'closure', key }, key: `c:${key}`, closureUse: false };
  }

  /**
   * `cache = type(self)._rows` / `memo = _MEMO` in a function: the local is another name for a
   * long-lived container, so its uses are that container's.
   */
  private localAlias(binding: Binding, name: string, key: string, scope: Scope): RefInfo | null {
    const known = this.aliases.get(key);
    if (known !== undefined) return known;
    this.aliases.set(key, null); // `a = b; b = a`: stop at the second visit
    const right = this.aliasedExpression(binding, name, scope);
    const target = right ? this.refOf(right) : null;
    const alias = target && (target.ref.kind === 'qualified' || target.ref.kind === 'self') ? { ...target, closureUse: false } : null;
    this.aliases.set(key, alias);
    return alias;
  }

  /** For `name = <name or attribute>` binding a plain function local: the right-hand side. */
  private aliasedExpression(binding: Binding, name: string, scope: Scope): SyntaxNode | null {
    if (binding.kind !== 'assignment' || binding.node.type !== 'assignment' || scope.kind !== 'function') return null;
    if (scope.declaredOuter.has(name)) return null;
    const left = field(binding.node, 'left');
    const right = field(binding.node, 'right');
    if (left?.type !== 'identifier' || left.text !== name || !right) return null;
    if (right.type !== 'identifier' && right.type !== 'attribute') return null;
    // `opts = DEFAULTS` then `opts = dict(opts)`: after a rebinding the name is something else.
    return bindsOnce(scope.node, name) ? right : null;
  }

  private closureContainer(binding: Binding, name: string, key: string, scope: Scope): ContainerFact | null {
    if (binding.kind !== 'assignment' || binding.node.type !== 'assignment') return null;
    const left = field(binding.node, 'left');
    let right = field(binding.node, 'right');
    while (right?.type === 'assignment') right = field(right, 'right');
    if (left?.type !== 'identifier' || left.text !== name || !right) return null;
    const type = containerType(right, this.model);
    if (!type) return null;
    return {
      key, name, scope: 'closure', ownerId: scope.id, type, valueText: shorten(this.text(right)),
      span: this.span(left), isAnnotatedAttribute: false,
    };
  }

  /** For `self`/`cls` (the first parameter of a method, seen from its body or nested code): the class. */
  private receiverOf(identifier: SyntaxNode): { classId: string; viaClass: boolean } | null {
    const found = this.model.lookup(identifier.text, identifier);
    if (!found || found.binding.kind !== 'parameter' || found.scope.kind !== 'function') return null;
    const scope = found.scope;
    if (!this.receivers.has(scope)) this.receivers.set(scope, receiverOfMethod(scope));
    const receiver = this.receivers.get(scope);
    if (!receiver || firstParamName(scope.node) !== identifier.text) return null;
    return receiver;
  }

  // ---- finishing --------------------------------------------------------------------------------

  /** Closure containers that outlive their call: used from a nested def that the owner returns. */
  private keptClosureContainers(): ContainerFact[] {
    const usedFromClosure = new Set<string>();
    for (const u of this.pending) if (u.info.closureUse) usedFromClosure.add(u.info.key);
    return [...this.closureCandidates.values()]
      .filter((c) => this.defaultArgKeys.has(c.key) || (this.returnsClosure.has(c.ownerId!) && usedFromClosure.has(`c:${c.key}`)));
  }

  private finishUses(): ContainerUseFact[] {
    this.propagateExpiry();
    const keptClosures = new Set(this.keptClosureContainers().map((c) => `c:${c.key}`));
    // Attributes worth following on `self`: containers defined here, or grown through `self` here.
    const selfAttrs = new Set<string>();
    for (const c of this.containers.values()) if (c.scope === 'class' || c.scope === 'instance') selfAttrs.add(c.name.replace(/^self\./, ''));
    for (const u of this.pending) if (u.info.ref.kind === 'self' && u.op === 'grow') selfAttrs.add(u.info.ref.attr);
    const localKeys = new Set<string>();
    for (const u of this.pending) if (u.op !== 'escape' && u.op !== 'read') localKeys.add(u.info.key);

    const relevant = (u: PendingUse): boolean => {
      const { ref } = u.info;
      if (ref.kind === 'closure') return keptClosures.has(u.info.key);
      if (ref.kind === 'attribute') return u.op === 'shrink' || u.op === 'reassign';
      if (ref.kind === 'self') return u.op === 'grow' || u.op === 'shrink' || selfAttrs.has(ref.attr);
      if (ref.kind === 'qualified' && (u.op === 'escape' || u.op === 'read')) {
        return this.isLocalContainer(ref.name) || localKeys.has(u.info.key);
      }
      return true;
    };
    // A memo reads its stored values back; `if k not in d: d[k] = …` alone only registers.
    const readsByFunction = new Set<string>();
    for (const u of this.pending) {
      if (u.op === 'read' && u.functionId !== null && VALUE_READS.has(u.method)) readsByFunction.add(`${u.functionId}\u0000${readKey(u.info)}`);
    }

    const out: ContainerUseFact[] = [];
    const checkedReads = new Set<string>();
    for (const u of this.pending) {
      if (!relevant(u)) continue;
      if (u.op === 'read') {
        if (u.functionId === null || !this.expiryFunctions.has(u.functionId)) continue;
        const dedupe = `${u.functionId}\u0000${u.info.key}`;
        if (checkedReads.has(dedupe)) continue;
        checkedReads.add(dedupe);
        out.push({ ref: u.info.ref, op: 'checkedRead', method: u.method, span: this.span(u.node), functionId: u.functionId });
        continue;
      }
      const memo = u.op === 'grow' && (u.method === '[]=' || u.method === 'setdefault') && u.functionId !== null && (!u.plainValue
        ? readsByFunction.has(`${u.functionId}\u0000${readKey(u.info)}`)
        : u.method === '[]=' && this.storedByMemoHelper(u.functionId, readKey(u.info), readsByFunction));
      out.push({
        ref: u.info.ref,
        op: u.op,
        method: u.method,
        span: this.span(u.node),
        functionId: u.functionId,
        ...(memo ? { memo: true } : {}),
        ...(u.storesTimestamp ? { storesTimestamp: true } : {}),
        ...(u.stampsIn !== undefined ? { stampsIn: u.stampsIn } : {}),
        ...(u.parallelStamps ? { parallelStamps: true } : {}),
        ...(u.addsSelf ? { addsSelf: true } : {}),
        ...(u.isDefinition ? { isDefinition: true } : {}),
        ...(u.inCallback ? { inCallback: true } : {}),
        ...(u.plainValue ? { storesPlainValue: true } : {}),
        ...(u.keyBounded || (u.keyLoopSource !== undefined && this.isFixedModuleCollection(u.keyLoopSource)) ? { keyBounded: true }
          : u.keyLoopSource !== undefined ? { keyLoopContainer: u.keyLoopSource } : {}),
        ...(u.keyParam !== undefined ? { keyParam: u.keyParam } : {}),
        ...(u.keyAnnotation !== undefined ? { keyAnnotation: u.keyAnnotation } : {}),
        ...(u.keyParts ? { keyParts: u.keyParts } : {}),
        ...(u.passedTo ? { passedTo: u.passedTo } : {}),
      });
    }
    return out;
  }

  /** A module-level name bound once to a literal collection that nothing here adds to: `NAMES = ["a", "b"]`. */
  private isFixedModuleCollection(name: string): boolean {
    if ((this.moduleAssignCounts.get(name) ?? 0) !== 1 || this.globalNames.has(name)) return false;
    const binding = this.model.moduleScope.bindings.get(name);
    if (binding?.kind !== 'assignment' || binding.node.type !== 'assignment') return false;
    const right = field(binding.node, 'right');
    if (!right || !isLiteralCollection(right)) return false;
    const key = `q:${this.model.module.name}.${name}`;
    return !this.pending.some((u) => u.info.key === key && u.op === 'grow');
  }

  private isLocalContainer(qualifiedName: string): boolean {
    const prefix = `${this.model.module.name}.`;
    return qualifiedName.startsWith(prefix) && this.containers.has(qualifiedName.slice(prefix.length));
  }
}

// ---- small pure helpers ---------------------------------------------------------------------------

function selfRef(classId: string, attr: string, viaClass: boolean): RefInfo {
  return { ref: { kind: 'self', classId, attr, viaClass }, key: `s:${classId}:${attr}:${viaClass ? 'c' : 'i'}`, closureUse: false };
}

/** Reads and writes through `self.x` and `cls.x` meet in one memo. */
function readKey(info: RefInfo): string {
  return info.ref.kind === 'self' ? `s:${info.ref.classId}:${info.ref.attr}` : info.key;
}

function receiverOfMethod(scope: Scope): { classId: string; viaClass: boolean } | null {
  if (scope.parent?.kind !== 'class') return null;
  const fn = scope.node;
  const decorators = fn.parent?.type === 'decorated_definition'
    ? fn.parent.children.filter((c) => c.type === 'decorator').map((d) => d.children.find((c) => c.isNamed))
    : [];
  const names = decorators.map((d) => (d ? dottedName(d) ?? '' : ''));
  if (names.includes('staticmethod')) return null;
  const name = field(fn, 'name')?.text ?? '';
  const viaClass = names.includes('classmethod') || CLASSMETHOD_NAMES.has(name);
  return { classId: scope.parent.id, viaClass };
}

/** The name of the first parameter (after `skip` leading ones), or null if that is a splat or missing. */
function firstParamName(fn: SyntaxNode, skip = 0): string | null {
  const params = field(fn, 'parameters');
  for (const p of params?.children ?? []) {
    const name = parameterName(p);
    if (!name) continue;
    if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') return null;
    if (skip-- > 0) continue;
    return name.text;
  }
  return null;
}

/** Whether a use in `from` sits in a def or lambda nested inside `owner` (a closure use). */
function crossesFunction(from: Scope, owner: Scope): boolean {
  for (let s: Scope | null = from; s && s !== owner; s = s.parent) {
    if (s.kind === 'function' || s.kind === 'lambda') return true;
  }
  return false;
}

/** `d[a][b]` → `d` and the nesting depth. */
function subscriptRoot(node: SyntaxNode): { target: SyntaxNode; depth: number } {
  let target = node;
  let depth = 0;
  while (target.type === 'subscript') {
    const value = field(target, 'value');
    if (!value) break;
    target = value;
    depth++;
  }
  return { target, depth };
}

/** Every expression between a subscript's brackets: `d[k]` has one, `d[a, b]` (a tuple key) two. */
function subscriptKeys(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((c) => c.field === 'subscript' && c.isNamed && c.type !== 'comment');
}

function isFixedKey(key: SyntaxNode): boolean {
  if (key.type === 'string' || key.type === 'integer' || key.type === 'true' || key.type === 'false' || key.type === 'none') {
    return key.type !== 'string' || !key.children.some((c) => c.type === 'interpolation');
  }
  return false;
}

/** `d[cls] = …`, `d[type(obj)]`, `d[self.__class__]`, `d[cls.__name__]`: one entry per class, a bounded set. */
function isClassKey(key: SyntaxNode): boolean {
  let root = key;
  while (root.type === 'attribute') {
    if (field(root, 'attribute')?.text === '__class__') return true;
    const object = field(root, 'object');
    if (!object) return false;
    root = object;
  }
  if (root.type === 'identifier') return /^(cls|klass|mcs|mcls|metacls|class_|subclass)$/.test(root.text);
  if (root.type === 'call') {
    const fn = field(root, 'function');
    return fn?.type === 'identifier' && fn.text === 'type';
  }
  return false;
}

/** `d.update(a=1)` or `d.update({"a": 1})`: a fixed set of keys, not growth. */
function updatesFixedKeys(call: SyntaxNode): boolean {
  const args = field(call, 'arguments');
  const values = args ? args.children.filter((c) => c.isNamed && c.type !== 'comment') : [];
  if (values.length === 0) return true;
  return values.every((v) => v.type === 'keyword_argument'
    || (v.type === 'dictionary' && v.children.every((p) => p.type !== 'pair' || isFixedKey(field(p, 'key') ?? p))));
}

/** A string, bytes or number literal, or a tuple of them: a value that can key a dict only one way. */
function isLiteralConstant(node: SyntaxNode): boolean {
  if (node.type === 'string') return !node.children.some((c) => c.type === 'interpolation');
  if (node.type === 'integer' || node.type === 'float' || node.type === 'concatenated_string') return true;
  return node.type === 'tuple' && namedChildren(node).every((c) => c.type === 'string' || c.type === 'integer' || c.type === 'float');
}

/** Whether `name` is bound exactly once in a function body (nested scopes included, to stay safe). */
/** The name of a `name=default` / `name: T = default` parameter. */
function parameterDefaultName(node: SyntaxNode): string | null {
  if (node.type !== 'default_parameter' && node.type !== 'typed_default_parameter') return null;
  const name = field(node, 'name');
  return name?.type === 'identifier' ? name.text : null;
}

/**
 * Whether a node sits in a lambda's body (at module or class level: the lambda is not a function
 * scope of its own here) that runs at run time — not one handed to `atexit.register`, which runs at exit.
 */
function inLambda(node: SyntaxNode, model: SemanticModel): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'lambda') {
      const call = p.parent?.type === 'argument_list' ? p.parent.parent : null;
      const callee = call?.type === 'call' ? field(call, 'function') : undefined;
      return !callee || model.resolveExpression(callee) !== 'atexit.register';
    }
    if (p.type === 'function_definition' || p.type === 'class_definition') return false;
  }
  return false;
}

function bindsOnce(fn: SyntaxNode, name: string, whole = false): boolean {
  let count = 0;
  // A comprehension's `body` is its element expression: its `for` clauses bind outside it.
  walk(whole ? fn : field(fn, 'body') ?? fn, (n) => {
    if (count > 1) return false;
    const target = n.type === 'assignment' || n.type === 'augmented_assignment' || n.type === 'for_statement' || n.type === 'for_in_clause'
      ? field(n, 'left') : n.type === 'named_expression' ? field(n, 'name') : n.type === 'as_pattern_target' ? n : undefined;
    if (target && (target.type === 'identifier' ? target.text === name : target.type !== 'attribute' && target.type !== 'subscript' && mentions(target, name))) count++;
    return true;
  });
  return count === 1;
}

function isLiteralConstantOrNone(node: SyntaxNode): boolean {
  return node.type === 'none' || node.type === 'true' || node.type === 'false' || isLiteralConstant(node);
}

function namedChildren(node: SyntaxNode | undefined): SyntaxNode[] {
  return node ? node.children.filter((c) => c.isNamed && c.type !== 'comment') : [];
}

/** A non-empty list/tuple/set/dict display of literals (or of tuples of literals): `("a", "b")`, `{"x": 1}`. */
function isLiteralCollection(node: SyntaxNode, depth = 0): boolean {
  if (depth > 1 || !CONTAINER_LITERALS.has(node.type)) return false;
  const items = namedChildren(node);
  return items.length > 0 && items.every((item) => {
    if (item.type === 'pair') {
      const key = field(item, 'key');
      return !!key && LITERAL_TYPES.has(key.type);
    }
    return LITERAL_TYPES.has(item.type) || isLiteralCollection(item, depth + 1);
  });
}

function namedCount(node: SyntaxNode | undefined): number {
  return node ? node.children.filter((c) => c.isNamed && c.type !== 'comment').length : 0;
}

/** `x` in `x = …`, `f(x=…)`, `def x`, `a.x`: a name being bound or selected, not a value read. */
function isBindingOrMemberName(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (node.field === 'attribute' || node.field === 'name') return true;
  return node.field === 'left' && (parent.type === 'assignment' || parent.type === 'augmented_assignment' || parent.type === 'for_statement');
}

/** Whether an expression names `text` (an identifier or attribute chain) somewhere inside. */
function mentions(expression: SyntaxNode, text: string, skipArguments = false): boolean {
  let found = false;
  walk(expression, (n) => {
    if (found) return false;
    if (skipArguments && n.parent?.type === 'argument_list') return n.type !== 'identifier' && n.type !== 'attribute';
    if ((n.type === 'identifier' || n.type === 'attribute') && dottedName(n) === text) found = true;
    return n.type !== 'lambda';
  });
  return found;
}

function hasOrderOperator(comparison: SyntaxNode): boolean {
  return comparison.children.some((c) => c.field === 'operators' && ORDER_OPERATORS.has(c.type));
}

function isInComparison(node: SyntaxNode): boolean {
  let p = node.parent;
  for (let i = 0; p && i < 3; i++, p = p.parent) {
    if (p.type === 'comparison_operator') return true;
    if (p.type !== 'binary_operator' && p.type !== 'parenthesized_expression') return false;
  }
  return false;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
}

/** The kind of mutable container an expression builds, or null. `deque(maxlen=n)` is bounded: null. */
export function containerType(node: SyntaxNode, model: SemanticModel): ContainerType | null {
  switch (node.type) {
    case 'dictionary': case 'dictionary_comprehension': return 'dict';
    case 'list': case 'list_comprehension': return 'list';
    case 'set': case 'set_comprehension': return 'set';
    case 'call': break;
    default: return null;
  }
  const fn = field(node, 'function');
  if (!fn || (fn.type !== 'identifier' && fn.type !== 'attribute')) return null;
  const name = model.resolveExpression(fn);
  switch (name) {
    case 'builtins.dict': case 'collections.defaultdict': case 'collections.OrderedDict': case 'collections.Counter':
    case 'typing.DefaultDict': case 'typing.OrderedDict': case 'typing.Counter':
      return 'dict';
    case 'builtins.list': return 'list';
    case 'builtins.set': return 'set';
    case 'collections.deque': {
      const args = field(node, 'arguments');
      const values = args ? args.children.filter((c) => c.isNamed && c.type !== 'comment') : [];
      const maxlen = values.find((v) => v.type === 'keyword_argument' && field(v, 'name')?.text === 'maxlen')
        ?? values.filter((v) => v.type !== 'keyword_argument')[1];
      const value = maxlen?.type === 'keyword_argument' ? field(maxlen, 'value') : maxlen;
      return !value || value.type === 'none' ? 'deque' : null;
    }
    default:
      return name && /^cachetools\.[A-Z]/.test(name) && CACHE_APIS.has(name) ? 'cache' : null;
  }
}

/**
 * Whether a cached function can see an open-ended set of keys (`unbounded`), only a handful (no
 * arguments, or `bool`/`Literal[...]`/`type[...]` ones: `bounded`), or only a handful but for `self` (`self`).
 */
function cacheKeys(fn: SyntaxNode, model: SemanticModel): { keys: 'unbounded' | 'bounded' | 'self'; annotations?: string[] } {
  const params = (field(fn, 'parameters')?.children ?? []).filter((p) => parameterName(p));
  const inClass = fn.parent?.type === 'block' && fn.parent.parent?.type === 'class_definition'
    || fn.parent?.type === 'decorated_definition' && fn.parent.parent?.type === 'block' && fn.parent.parent.parent?.type === 'class_definition';
  const decorators = fn.parent?.type === 'decorated_definition' ? fn.parent.children.filter((c) => c.type === 'decorator') : [];
  const isStatic = decorators.some((d) => d.children.some((c) => c.type === 'identifier' && c.text === 'staticmethod'));
  const isClassMethod = decorators.some((d) => d.children.some((c) => c.type === 'identifier' && c.text === 'classmethod'));
  // `self` makes keys per instance (unbounded); `cls` has one per class.
  const keyed = inClass && !isStatic ? (isClassMethod ? params.slice(1) : params) : params;
  const open = keyed.filter((p) => {
    if (p.type !== 'typed_parameter' && p.type !== 'typed_default_parameter') return true;
    const type = field(p, 'type');
    const text = type ? model.source.slice(type).trim() : '';
    return !isBoundedAnnotation(text, type?.children.find((c) => c.isNamed) ?? type, model);
  });
  if (open.length === 0) return { keys: 'bounded' };
  const instanceMethod = inClass && !isStatic && !isClassMethod;
  if (instanceMethod && open.length === 1 && open[0] === params[0]) return { keys: 'self' };
  // `def endpoint(region: Region)`: bounded if every annotation names an enum (known in the link step).
  const annotations: string[] = [];
  for (const p of instanceMethod ? [] : open) {
    const type = p.type === 'typed_parameter' || p.type === 'typed_default_parameter' ? field(p, 'type') : undefined;
    const annotation = type?.children.find((c) => c.isNamed) ?? type;
    const resolved = annotation ? annotatedClass(model, annotation) : null;
    if (!resolved) return { keys: 'unbounded' };
    annotations.push(resolved);
  }
  return annotations.length > 0 ? { keys: 'unbounded', annotations } : { keys: 'unbounded' };
}

/**
 * A bounded annotation (`bool`, `Literal[...]`, `type[...]`), also through a module-level alias:
 * `Window = Literal["hann", "rect"]`, `Mode: TypeAlias = Literal["r", "w"]`.
 */
function isBoundedAnnotation(text: string, annotation: SyntaxNode | undefined, model: SemanticModel): boolean {
  if (BOUNDED_ANNOTATION.test(text)) return true;
  if (annotation?.type !== 'identifier') return false;
  const found = model.lookup(annotation.text, annotation);
  if (found?.scope.kind !== 'module' || found.binding.kind !== 'assignment' || found.binding.node.type !== 'assignment') return false;
  const value = field(found.binding.node, 'right');
  return value !== undefined && value !== null && BOUNDED_ANNOTATION.test(model.source.slice(value).trim());
}

/** Whether the expression is tested: an `if`/`while` condition, or under `not`/`and`/`or`/`x if c else y`. */
function inCondition(node: SyntaxNode): boolean {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'not_operator' || p.type === 'boolean_operator' || p.type === 'conditional_expression') return true;
    if (p.type === 'if_statement' || p.type === 'while_statement' || p.type === 'elif_clause') return child.field === 'condition';
    if (STATEMENT_BOUNDARY.has(p.type)) return false;
  }
  return false;
}

/** Whether a literal bound is unbounded (None, inf, sys.maxsize, huge), bounded (a number), or not a literal (null). */
export function boundOf(value: SyntaxNode, model: SemanticModel): 'unbounded' | 'bounded' | null {
  if (value.type === 'none') return 'unbounded';
  const number = numericValue(value, model);
  if (number === null) return null;
  return number >= HUGE_MAXSIZE ? 'unbounded' : 'bounded';
}

function numericValue(node: SyntaxNode, model: SemanticModel, depth = 0): number | null {
  if (depth > 8) return null;
  switch (node.type) {
    case 'integer': {
      const text = node.text.replace(/_/g, '').replace(/[lL]$/, '');
      const n = Number(text);
      return Number.isFinite(n) ? n : null;
    }
    case 'float': {
      const n = Number(node.text.replace(/_/g, ''));
      return Number.isNaN(n) ? null : n;
    }
    case 'parenthesized_expression': {
      const inner = node.children.find((c) => c.isNamed);
      return inner ? numericValue(inner, model, depth + 1) : null;
    }
    case 'unary_operator': {
      const operand = field(node, 'argument');
      const v = operand ? numericValue(operand, model, depth + 1) : null;
      const op = node.children.find((c) => !c.isNamed)?.type;
      return v === null ? null : op === '-' ? -v : v;
    }
    case 'binary_operator': {
      const l = field(node, 'left');
      const r = field(node, 'right');
      const op = node.children.find((c) => c.field === 'operator')?.type;
      const a = l ? numericValue(l, model, depth + 1) : null;
      const b = r ? numericValue(r, model, depth + 1) : null;
      if (a === null || b === null) return null;
      switch (op) {
        case '**': return a ** b;
        case '*': return a * b;
        case '<<': return a * 2 ** b;
        case '+': return a + b;
        case '-': return a - b;
        default: return null;
      }
    }
    case 'attribute': case 'identifier': {
      const name = model.resolveExpression(node);
      if (name === 'sys.maxsize' || name === 'math.inf' || name === 'numpy.inf' || name === 'cmath.inf') return Infinity;
      return null;
    }
    case 'call': {
      const fn = field(node, 'function');
      const name = fn ? model.resolveExpression(fn) : null;
      const args = field(node, 'arguments');
      const only = args?.children.filter((c) => c.isNamed && c.type !== 'comment');
      if (only?.length !== 1) return null;
      const arg = only[0]!;
      if (name === 'builtins.float' && arg.type === 'string') {
        const text = model.source.slice(arg).replace(/^[rbuRBU]*['"]+|['"]+$/g, '').trim().toLowerCase();
        return /^\+?inf(inity)?$/.test(text) ? Infinity : null;
      }
      if (name === 'builtins.int' || name === 'builtins.float') return numericValue(arg, model, depth + 1);
      return null;
    }
    default:
      return null;
  }
}

/** `fetch = lru_cache(None)(_fetch)` / `fetch = functools.cache(_fetch)` at module level: `fetch`. */
function boundNameOf(site: SyntaxNode, model: SemanticModel): string | null {
  let node = site;
  while (node.parent?.type === 'call' && node.field === 'function') node = node.parent;
  const assignment = node.parent;
  if (assignment?.type !== 'assignment' || node.field !== 'right') return null;
  const left = field(assignment, 'left');
  if (left?.type !== 'identifier' || model.scopeOf(assignment).kind !== 'module') return null;
  return left.text;
}

/** `PRESETS`, `_TRANSITIONS`: an UPPER_CASE module-level table of constants. */
const CONSTANT_TABLE = /^_*[A-Z][A-Z0-9_]*$/;

/** Names of flags and methods that tell a service loop to stop (`not self._stopped`) or to keep going (`self.running`). */
const STOP_SIGNAL = /(stop|shut|quit|exit|done|closed|closing|cancel|terminat|finish|kill|halt|abort)/i;
const RUN_SIGNAL = /^_*(is_)?(running|alive|active|serving|keep_?going|keep_?running|should_run)$/i;

/** `d.get(k, …)` / `d.setdefault(k, …)`: the container `d` whose entry the call returns. */
function entryLookupOwner(call: SyntaxNode): SyntaxNode | null {
  const fn = field(call, 'function');
  const method = fn?.type === 'attribute' ? field(fn, 'attribute')?.text : undefined;
  if (method !== 'get' && method !== 'setdefault') return null;
  const owner = field(fn!, 'object');
  return owner && (owner.type === 'identifier' || owner.type === 'attribute') ? owner : null;
}

/**
 * `for v in d.values():` / `for k, v in d.items():` binding `name` to each entry of `d`: the
 * container expression `d`.
 */
function valuesLoopOwner(loop: SyntaxNode, name: string): SyntaxNode | null {
  const left = field(loop, 'left');
  const right = field(loop, 'right');
  const fn = right?.type === 'call' ? field(right, 'function') : undefined;
  const method = fn?.type === 'attribute' ? field(fn, 'attribute')?.text : undefined;
  if (!left || !fn || namedChildren(field(right!, 'arguments')).length > 0) return null;
  let bound = false;
  if (method === 'values') bound = left.type === 'identifier' && left.text === name;
  else if (method === 'items') {
    const parts = left.type === 'pattern_list' || left.type === 'tuple_pattern' ? namedChildren(left) : [];
    bound = parts.length === 2 && parts[1]!.type === 'identifier' && parts[1]!.text === name;
  }
  const owner = bound ? field(fn, 'object') : undefined;
  return owner && (owner.type === 'identifier' || owner.type === 'attribute') ? owner : null;
}

/** Module-level `if __name__ == "__main__":` blocks. */
function mainBlocks(root: SyntaxNode): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const stmt of root.children) {
    if (stmt.type !== 'if_statement') continue;
    const condition = field(stmt, 'condition');
    if (condition?.type !== 'comparison_operator') continue;
    const operands = condition.children.filter((c) => c.isNamed && c.field !== 'operators');
    const names = operands.some((o) => o.type === 'identifier' && o.text === '__name__');
    const main = operands.some((o) => o.type === 'string' && o.children.some((c) => c.type === 'string_content' && c.text === '__main__'));
    if (names && main) out.push({ start: stmt.start, end: stmt.end });
  }
  return out;
}

/** Code that may not run, or may run without reaching the end: a read there proves nothing about a later store. */
const CONDITIONAL_CODE = new Set(['if_statement', 'for_statement', 'while_statement', 'try_statement', 'match_statement', 'function_definition',
  'lambda', 'class_definition', 'conditional_expression', 'boolean_operator', 'list_comprehension', 'set_comprehension',
  'dictionary_comprehension', 'generator_expression']);

const LOOP_NODES = new Set(['for_statement', 'while_statement', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const CODE_BODIES = new Set(['function_definition', 'lambda']);

/** Outermost loops in function bodies and `__main__` blocks (module code outside them runs at import). */
function loopSpans(root: SyntaxNode): number[] {
  const main = mainBlocks(root);
  const out: number[] = [];
  walk(root, (n) => {
    if (!LOOP_NODES.has(n.type)) return true;
    if (!ancestor(n, CODE_BODIES) && !main.some((b) => n.start >= b.start && n.start < b.end)) return true;
    out.push(n.start, n.end);
    return false;
  });
  return out;
}

/** Where a new top-level import may go: after the docstring (or at 0), and after each top-level import. */
function importInsertPoints(root: SyntaxNode): ImportInsertPoint[] {
  const first = root.children.find((c) => c.type !== 'comment');
  const docstring = first?.type === 'expression_statement' && first.children[0]?.type === 'string' ? first : undefined;
  const out: ImportInsertPoint[] = [docstring ? { offset: docstring.end, afterLine: true } : { offset: 0, afterLine: false }];
  for (const stmt of root.children) {
    if (stmt.type === 'import_statement' || stmt.type === 'import_from_statement' || stmt.type === 'future_import_statement') {
      out.push({ offset: stmt.end, afterLine: true });
    }
  }
  return out;
}

/** The standard library's enum bases: their members are a fixed set of singletons. */
const ENUM_BASES: ReadonlySet<string> = new Set(['enum.Enum', 'enum.IntEnum', 'enum.StrEnum', 'enum.Flag', 'enum.IntFlag', 'enum.ReprEnum']);

/** Is this qualified base name one of the standard library's enum bases? */
export function isStdlibEnumBase(qualifiedName: string): boolean {
  return ENUM_BASES.has(qualifiedName);
}

/** A base from outside the project named like an enum: `strenum.StrEnum`, Django's `TextChoices`. */
export function looksLikeEnumBase(qualifiedName: string): boolean {
  return /(^|\.)(\w*Enum|Flag|IntFlag|TextChoices|IntegerChoices|Choices)$/.test(qualifiedName);
}
