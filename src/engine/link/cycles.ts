// Tier 2 for the reference-cycle rules (PSL301–PSL303): turn each function's holds-graph into a
// whole-project one (constructor and method summaries, bound methods, attribute strength from the
// classes), then find the strongly connected parts — the reference cycles. Computed once per
// ProjectGraph and shared by the three rules.
import { CLASS_OBJECT_TYPE, type ClassAttrFact, type CycleEdgeKind, type CycleObject, type FunctionCycleFacts } from '../facts/cycle-types.js';
import { WEAK_CONTAINERS } from '../facts/cycles.js';
import { cyclicComponents } from '../facts/strongly-connected.js';
import type { FileFacts, ParamFact } from '../facts/types.js';
import type { RelatedLocation, Span } from '../types.js';
import type { ClassRef, FunctionRef, ProjectGraph } from './types.js';

export type CycleKind =
  /** Two or more objects hold each other (PSL301). */
  | 'parent-child'
  /** An object holds itself, directly or through a callable that captures it (PSL302). */
  | 'self-reference';

export type SelfReferenceVia = 'self' | 'bound-method' | 'closure' | 'coroutine';

export interface ReferenceCycle {
  readonly kind: CycleKind;
  /** Where to report: the store that closes the cycle (the back-reference, or the callable). */
  readonly file: string;
  readonly site: Span;
  /** The closing store as written (`child.parent = self`). */
  readonly text: string;
  /** PSL301: the store that holds the other way (`self.children.append(child)`). */
  readonly forward: string | null;
  /** PSL302: what holds the object: the object itself, a bound method, a closure. */
  readonly via: SelfReferenceVia | null;
  /** PSL302: how the code names the object held (`self`). */
  readonly holds: string;
  readonly related: readonly RelatedLocation[];
  /** Classes whose instances are in the cycle (global ids). */
  readonly classes: readonly string[];
  /**
   * Classes whose subclasses' instances are in the cycle too: the class of `self` in the methods
   * that build it, of an annotated parameter or of a declared attribute.
   */
  readonly selfClasses: readonly string[];
  /** Reported at a call because the callee holds a callable: the callee (its global id). */
  readonly viaCallee?: string;
}

export interface CycleAnalysis {
  /** One per reported site (PSL301/PSL302). */
  readonly cycles: readonly ReferenceCycle[];
  /** Every cycle found, duplicates included: which classes take part (PSL303). */
  readonly instances: readonly ReferenceCycle[];
  /** Direct subclasses by class global id (for finalizer lookup in subclasses). */
  readonly subclasses: ReadonlyMap<string, readonly string[]>;
  /** `ProjectGraph.findMethod`, with answers shared along chains of bases. */
  readonly findMethod: (cls: ClassRef, name: string) => FunctionRef | undefined;
}

/** Methods that put their arguments into the receiver (containers, registries, event sources). */
const CONTAINER_METHODS: Readonly<Record<string, 'all' | 'last'>> = {
  append: 'all', appendleft: 'all', add: 'all', extend: 'all', update: 'all', push: 'all',
  insert: 'last', setdefault: 'last', __setitem__: 'last',
};

/**
 * Method names builtin containers, files and common library objects also have: a call of one on a
 * receiver of unknown class is not taken for the one project method of that name.
 */
const COMMON_METHOD_NAMES: ReadonlySet<string> = new Set([
  'append', 'appendleft', 'extend', 'insert', 'remove', 'pop', 'popleft', 'clear', 'copy', 'update', 'get', 'setdefault',
  'keys', 'values', 'items', 'add', 'discard', 'index', 'count', 'sort', 'reverse', 'push',
  'read', 'readline', 'readlines', 'write', 'writelines', 'close', 'flush', 'seek', 'open',
  'join', 'split', 'format', 'replace', 'encode', 'decode', 'strip', 'lower', 'upper', 'startswith', 'endswith',
  'send', 'sendall', 'recv', 'put', 'put_nowait', 'get_nowait', 'start', 'stop', 'run', 'cancel', 'result', 'wait',
  'set', 'reset', 'emit', 'handle', 'process', 'execute', 'call', 'apply', 'visit', 'accept', 'feed', 'parse',
  'load', 'dump', 'loads', 'dumps', 'save', 'render', 'draw', 'log', 'info', 'debug', 'warning', 'error',
]);

/** Library functions that put their other arguments into their first (outside the project). */
const INSERTING_FUNCTIONS: ReadonlySet<string> = new Set([
  'heapq.heappush', 'heapq.heappushpop', 'heapq.heapreplace', 'bisect.insort', 'bisect.insort_left', 'bisect.insort_right',
]);

/** Calls that keep a callable only until it has run once: not a lasting reference. */
const ONE_SHOT_METHODS: ReadonlySet<string> = new Set([
  'call_soon', 'call_soon_threadsafe', 'call_later', 'call_at', 'after', 'after_idle', 'submit', 'run_in_executor',
  'create_task', 'ensure_future', 'put', 'put_nowait', 'send', 'sendall', 'set_result', 'set_exception', 'schedule',
  'apply_async', 'map_async', 'start_soon',
]);

/**
 * Registration methods that keep what they are given for later (callbacks, listeners, children),
 * assumed for receivers whose class is outside the project.
 */
const REGISTRATION_METHODS: ReadonlySet<string> = new Set([
  'connect', 'bind', 'bind_all', 'bind_class', 'on', 'once', 'subscribe', 'register', 'register_callback',
  'register_handler', 'add_listener', 'addlistener', 'add_event_listener', 'addeventlistener', 'add_callback',
  'add_done_callback', 'add_handler', 'add_event_handler', 'add_observer', 'observe', 'watch', 'set_callback',
  'set_handler', 'set_command', 'trace_add', 'trace_variable', 'trace', 'add_command',
  'add_checkbutton', 'add_radiobutton', 'protocol', 'add_reader', 'add_writer', 'add_signal_handler',
  'listen', 'attach', 'add_child', 'append_child', 'appendchild', 'addchild', 'add_widget', 'set_parent',
  'addcallback', 'adddonecallback', 'addhandler', 'on_event', 'on_click', 'on_change', 'set_hook', 'add_hook',
  // Web routes, RPC servers, schedulers, Qt actions: they keep the view or job for good.
  'route', 'add_route', 'add_url_rule', 'add_api_route', 'register_function', 'register_instance', 'add_job',
  'add_get', 'add_post', 'add_put', 'add_patch', 'add_delete', 'add_head', 'add_view', 'add_websocket_route',
  'add_api_websocket_route', 'tag_bind', 'add_argument', 'set_defaults',
  'addaction', 'add_action',
  'push_async_callback',
  // Flask/Quart app and blueprint hooks, called directly rather than as decorators.
  'before_request', 'after_request', 'teardown_request', 'teardown_appcontext', 'before_app_request',
  'after_app_request', 'teardown_app_request', 'context_processor', 'app_context_processor',
  'register_error_handler', 'url_value_preprocessor', 'add_template_filter', 'add_template_global', 'add_template_test',
]);

/**
 * Registration methods by name: `add_done_callback`, `set_error_handler`, and the verb last as
 * paho-mqtt spells it (`message_callback_add`).
 */
const REGISTRATION_NAME = /^(add|register|set)_?\w*(callback|handler|listener|observer|hook)s?$|^\w*(callback|handler|listener|observer|hook)s?_?(add|register|set)$/;

/** `contextlib.ExitStack` keeps its exit callbacks until it is closed (`stack.callback(self.close)`). */
const EXIT_STACKS: ReadonlySet<string> = new Set(['contextlib.ExitStack', 'contextlib.AsyncExitStack']);

/** Decorator factories that register what they are applied to: `hooks.register("x")(fn)`, `app.route("/")(view)`. */
const APPLIED_REGISTRATION = /^(register|subscribe|listen|listens_for|on|connect|hook|handle|handler|route|command|add_\w+)(_\w+)?$|(callback|handler|listener|hook|route)s?$/;

/** Option setters of GUI toolkits: they keep only the callback options they are given. */
const OPTION_METHODS: ReadonlySet<string> = new Set(['configure', 'config']);
const OPTION_CALLBACK_KEYWORD = /(command|callback|handler|func|^on_\w+)$/i;

/** Keyword arguments that hand a method a callback to keep (`command=` of Tk, `on_message_callback=`). */
const CALLBACK_KEYWORD = /^(command|callback|on_\w+|\w+_(callback|handler))$/;

/**
 * Attribute names that conventionally point back at an owner or predecessor: strong words as any
 * part of the name (`_parent`, `owner_ref`), generic ones only as the whole name (`self.loop`,
 * `node.list`, not `self.option_list`).
 */
const BACK_REFERENCE_WORDS = /(^|_)(parent|parents|owner|prev|previous|predecessor|master|container|enclosing|outer|holder|backref)($|_)|^_*(loop|manager|document|tree|graph|list|pool|registry|server|app|application|host|hub|bus|broker|dispatcher|scene|board|game|up|back|parentnode|ownerdocument|parentelement|ownerelement)$/i;

/** `self.world = world`, `self.world: World = world` (a name handed in), or a field declaration `world: World`. */
const HANDED_IN = /^(?:self\.\w+\s*(?::[^=]+)?=\s*[A-Za-z_]\w*|\w+\s*:[^=]+)\s*$/;

type LinkEdgeKind = CycleEdgeKind | 'implicit' | 'bound' | 'summary' | 'construct' | 'register';

interface LinkEdge {
  readonly from: number;
  readonly to: number;
  readonly kind: LinkEdgeKind;
  readonly attr?: string;
  /** Where the reference is created (for summaries: in the callee). */
  readonly file: string;
  readonly site: Span;
  readonly text: string;
  /** For edges a call creates: the call in this function. */
  readonly callFile?: string;
  readonly callSite?: Span;
  readonly callText?: string;
  /** Summary edges: the callee is a constructor (`__init__`, dataclass fields). */
  readonly fromConstructor?: boolean;
  /** Summary edges: the callee put the value into a container (`self.orders.append(order)`). */
  readonly intoContainer?: boolean;
  /** Summary edges that run through a callable in the callee. */
  readonly callable?: SelfReferenceVia;
  /** Summary edges: the call's result is itself that callable (`return lambda: self.poll()`). */
  readonly resultIsCallable?: boolean;
  /** Summary edges: the callee's global id. */
  readonly callTarget?: string;
  /** Implicit `self → self.attr` edges: the store that made the attribute. */
  readonly storedFile?: string;
  readonly storedSite?: Span;
  readonly storedText?: string;
}

/** After a call, argument `holder` (or, for RETURNED, the result) holds argument `held` (or, for RETURNED, the result). */
interface SummaryEdge {
  readonly holder: number;
  readonly held: number;
  readonly file: string;
  readonly site: Span;
  readonly text: string;
  readonly attr?: string;
  /** The holder reaches the held object only through a bound method or closure. */
  readonly callable?: SelfReferenceVia;
  /** The returned object is itself that callable: the caller's store of it closes the cycle. */
  readonly resultIsCallable?: boolean;
  /** The store is a constructor's (`self.owner = owner` in `__init__`), however it got here. */
  readonly fromConstructor?: boolean;
  /** The store puts the value into a container (`self.orders.append(order)`), however it got here. */
  readonly intoContainer?: boolean;
}

interface Application {
  readonly target: FunctionRef;
  /** Whose summary applies: the target's, or its property setter's (`summaryIdOf`). */
  readonly summaryId: string;
  /** The object the call returns, if the caller keeps it. */
  readonly result: number | null;
  readonly bindings: readonly (readonly number[])[];
  readonly fromConstructor: boolean;
  readonly callFile: string;
  readonly callSite: Span;
  readonly callText: string;
}

interface Prepared {
  readonly base: readonly LinkEdge[];
  readonly applications: readonly Application[];
  /** The graph of a function that applies no summary: it never changes, so it is built once. */
  fixedGraph?: readonly (readonly LinkEdge[])[];
}

interface FunctionEntry {
  readonly file: FileFacts;
  readonly facts: FunctionCycleFacts;
  readonly fn: FunctionRef | undefined;
  readonly selfClass: ClassRef | undefined;
}

/** A constructor parameter of a dataclass-style class, and the class that declares it. */
interface DataclassField {
  readonly name: string;
  readonly owner: ClassRef;
}

interface StoredAt {
  readonly file: string;
  readonly site: Span;
  readonly text: string;
}

type AttrKind = 'method' | 'property' | 'static' | 'strong' | 'weak' | 'weak-container' | 'class-level' | 'unknown';

const analyses = new WeakMap<ProjectGraph, CycleAnalysis>();

export function analyzeReferenceCycles(project: ProjectGraph): CycleAnalysis {
  let analysis = analyses.get(project);
  if (!analysis) analyses.set(project, (analysis = new CycleLinker(project).run()));
  return analysis;
}

const STRUCTURAL: ReadonlySet<LinkEdgeKind> = new Set(['implicit', 'iter', 'bound', 'capture']);
const CALLABLE: ReadonlySet<LinkEdgeKind> = new Set(['bound', 'capture']);
const MAX_SUMMARY_ROUNDS = 4;
/** Summary holder index meaning "the object the function returns". */
const RETURNED = -1;

class CycleLinker {
  private readonly project: ProjectGraph;
  private readonly entries: FunctionEntry[] = [];
  private readonly summaries = new Map<string, SummaryEdge[]>();
  /** `summaryKey` of each stored summary, to tell a changed one without rebuilding the old key. */
  private readonly summaryKeys = new Map<string, string>();
  private readonly classAttrs = new Map<string, ReadonlyMap<string, ClassAttrFact>>();
  private readonly initFields = new Map<string, readonly string[] | null>();
  /** Per class, by attribute name (asked for most objects of every function). */
  private readonly attrKindCache = new Map<ClassRef, Map<string, AttrKind>>();
  private readonly unresolvedBases = new Map<string, true | null>();
  private readonly fieldsCache = new Map<string, readonly DataclassField[]>();
  private readonly prepared = new Map<FunctionEntry, Prepared>();
  private readonly classCache = new Map<string, ClassRef | null>();
  private readonly functionCache = new Map<string, FunctionRef | null>();
  /** Per name: class global id → what `findMethod`/`lookupAttr`/`storedAttr` answer there. */
  private readonly methodCache = new Map<string, Map<string, FunctionRef | null>>();
  private readonly attrCache = new Map<string, Map<string, ClassAttrFact | null>>();
  private readonly storedCache = new Map<string, Map<string, StoredAt | null>>();
  /** Names of project methods and of class attributes: a lookup of any other name is a miss. */
  private readonly methodNames = new Set<string>();
  private propertiesByModule: Map<string, FunctionRef[]> | undefined;
  private weakNames: Set<string> | undefined;
  private readonly attrNames = new Set<string>();

  constructor(project: ProjectGraph) {
    this.project = project;
  }

  private resolveClass(name: string): ClassRef | undefined {
    let found = this.classCache.get(name);
    if (found === undefined) this.classCache.set(name, (found = this.project.resolveClass(name) ?? null));
    return found ?? undefined;
  }

  private resolveFunction(name: string): FunctionRef | undefined {
    let found = this.functionCache.get(name);
    if (found === undefined) this.functionCache.set(name, (found = this.project.resolveFunction(name) ?? null));
    return found ?? undefined;
  }

  /** `ProjectGraph.findMethod`, remembered for every class on the way up (see `inBases`). */
  private findMethod(cls: ClassRef, name: string): FunctionRef | undefined {
    // Most names are no project class's method: answer those without walking the bases.
    if (!this.methodNames.has(name)) return undefined;
    return this.inBases(cls, this.cacheFor(this.methodCache, name), (c) => this.project.functions.get(`${c.globalId}.${name}`));
  }

  private cacheFor<T>(caches: Map<string, Map<string, T | null>>, name: string): Map<string, T | null> {
    let cache = caches.get(name);
    if (!cache) caches.set(name, (cache = new Map()));
    return cache;
  }

  run(): CycleAnalysis {
    for (const file of this.project.files.values()) {
      for (const c of file.cycles.classes) {
        const globalId = `${file.module.name}.${c.classId}`;
        this.classAttrs.set(globalId, new Map(c.attrs.map((a) => [a.name, a])));
        this.initFields.set(globalId, c.initFields);
        for (const a of c.attrs) this.attrNames.add(a.name);
      }
    }
    // A function's id ends in its name (`Class.method`): the names, without cutting the ids.
    for (const ref of this.project.functions.values()) this.methodNames.add(ref.fn.name);
    for (const file of this.project.files.values()) {
      for (const facts of file.cycles.functions) {
        const fn = facts.functionId === null ? undefined : this.project.functions.get(`${file.module.name}.${facts.functionId}`);
        const selfClass = facts.selfClassId === null ? undefined : this.project.classes.get(`${file.module.name}.${facts.selfClassId}`);
        this.entries.push({ file, facts, fn, selfClass });
      }
    }
    this.computeSummaries();
    const found = this.entries.map((entry) => this.cyclesIn(entry));
    // A callee that builds a cycle around its own callable is reported there, not at each call.
    const cyclic = new Set<string>();
    this.entries.forEach((entry, i) => {
      if (entry.fn && found[i]!.some((c) => c.viaCallee === undefined)) cyclic.add(entry.fn.globalId);
    });
    const cycles: ReferenceCycle[] = [];
    const seen = new Set<string>();
    for (const list of found) {
      for (const cycle of list) {
        if (cycle.viaCallee !== undefined && cyclic.has(cycle.viaCallee)) continue;
        const key = `${cycle.kind}:${cycle.file}:${cycle.site.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        cycles.push(cycle);
      }
    }
    // The analysis outlives this call (through `findMethod`): let the per-function graphs go.
    this.prepared.clear();
    this.summaries.clear();
    return {
      cycles, instances: found.flat(), subclasses: this.subclassIndex(),
      findMethod: (cls, name) => this.findMethod(cls, name),
    };
  }

  // ---- summaries: which argument ends up holding which -------------------------------------

  private computeSummaries(): void {
    // A summary is only ever read where a call applies it: summarize just the functions some
    // function's call applies (most never are), which needs every function's calls prepared.
    const applied = new Set<string>();
    for (const entry of this.entries) for (const a of this.prepare(entry).applications) applied.add(a.summaryId);
    const candidates = this.entries.filter((e) => e.fn && applied.has(summaryIdOf(e))
      && (e.facts.objects.some((o) => o.paramIndex !== undefined) || (e.facts.returns ?? []).length > 0));
    // Callers by callee, so a changed summary only revisits the functions that apply it.
    const callers = new Map<string, FunctionEntry[]>();
    for (const entry of candidates) {
      for (const a of this.prepare(entry).applications) {
        const list = callers.get(a.summaryId) ?? [];
        if (list[list.length - 1] !== entry) list.push(entry);
        callers.set(a.summaryId, list);
      }
    }
    let work = candidates;
    for (let round = 0; round < MAX_SUMMARY_ROUNDS && work.length > 0; round++) {
      const next = new Set<FunctionEntry>();
      for (const entry of work) {
        const summary = this.summarize(entry);
        const id = summaryIdOf(entry);
        const key = summaryKey(summary);
        if (key === (this.summaryKeys.get(id) ?? '')) continue;
        this.summaries.set(id, summary);
        this.summaryKeys.set(id, key);
        for (const caller of callers.get(id) ?? []) next.add(caller);
      }
      work = [...next];
    }
  }

  private summarize(entry: FunctionEntry): SummaryEdge[] {
    const { objects } = entry.facts;
    const graph = this.graphOf(entry);
    const out: SummaryEdge[] = [];
    // Parameters first, then what the function returns (holder -1: the call's result).
    const starts: [number, number][] = [];
    objects.forEach((o, id) => {
      if (o.paramIndex !== undefined) starts.push([id, o.paramIndex]);
    });
    const returned = (entry.facts.returns ?? []).filter((r) => objects[r]!.paramIndex === undefined);
    for (const r of returned) starts.push([r, RETURNED]);
    for (const [startId, holder] of starts) {
      // Plain references first; what only a callable reaches is marked as such.
      const plain = reach(graph, startId, (e) => !isCallableEdge(e));
      const all = reach(graph, startId, () => true);
      if (holder !== RETURNED) {
        // A getter of the parameter's own state (`return self._subs.setdefault(topic, [])`):
        // the parameter holds the result, so what the caller puts into it, it holds too.
        for (const r of returned) {
          const kind = objects[r]!.kind;
          if (r === startId || (kind !== 'attr' && kind !== 'element') || !plain.has(r)) continue;
          const last = pathTo(plain, r).pop();
          // Like a container holding its element: the forward reference, not a back-reference.
          if (last) out.push({ holder, held: RETURNED, file: last.file, site: last.site, text: last.text, intoContainer: true });
        }
      }
      for (const [reached, edge] of all) {
        const target = objects[reached]!;
        if (reached === startId || target.paramIndex === undefined || edge === null) continue;
        const viaPlain = plain.has(reached);
        const via = viaPlain ? plain : all;
        const path = pathTo(via, reached);
        const callableEdge = viaPlain ? undefined : path.find(isCallableEdge);
        // The store that made the reference: the last non-structural edge on the path. A returned
        // closure or bound method holds the argument by itself, with no store on the way
        // (`return lambda: self.poll()`, or `return self._make_callback()` passing one on): its
        // making stands for the store, and the caller's store of the result closes the cycle.
        let stored: LinkEdge | undefined;
        for (let k = path.length - 1; k >= 0 && !stored; k--) {
          const e = path[k]!;
          if (!STRUCTURAL.has(e.kind) && !e.resultIsCallable) stored = e;
        }
        const store = stored ?? (holder === RETURNED ? callableEdge : undefined);
        if (!store) continue;
        const constructorStore = store.kind === 'summary' && store.fromConstructor === true;
        const containerStore = store.kind === 'item' || (store.kind === 'summary' && store.intoContainer === true);
        out.push({
          holder, held: target.paramIndex, file: store.file, site: store.site, text: store.text,
          ...(store.attr !== undefined ? { attr: store.attr } : {}),
          ...(callableEdge ? { callable: viaOf(callableEdge, objects) } : {}),
          ...(stored ? {} : { resultIsCallable: true }),
          ...(constructorStore ? { fromConstructor: true } : {}),
          ...(containerStore ? { intoContainer: true } : {}),
        });
      }
    }
    return dedupeSummaries(out);
  }

  // ---- the project-level graph of one function ---------------------------------------------

  /** A function's graph with the current summaries applied to its calls. */
  private graphOf(entry: FunctionEntry): readonly (readonly LinkEdge[])[] {
    const prepared = this.prepare(entry);
    if (prepared.fixedGraph) return prepared.fixedGraph;
    const { base, applications } = prepared;
    const graph: LinkEdge[][] = entry.facts.objects.map(() => []);
    for (const e of base) graph[e.from]!.push(e);
    for (const a of applications) {
      for (const s of this.summaries.get(a.summaryId) ?? []) {
        const holders = s.holder === RETURNED ? (a.result === null ? [] : [a.result]) : (a.bindings[s.holder] ?? []);
        for (const h of holders) {
          for (const v of s.held === RETURNED ? (a.result === null ? [] : [a.result]) : (a.bindings[s.held] ?? [])) {
            graph[h]!.push({
              from: h, to: v, kind: 'summary', file: s.file, site: s.site, text: s.text,
              ...(s.attr !== undefined ? { attr: s.attr } : {}),
              ...(s.callable ? { callable: s.callable } : {}),
              ...(s.resultIsCallable ? { resultIsCallable: true } : {}),
              ...(a.fromConstructor || s.fromConstructor ? { fromConstructor: true } : {}),
              ...(s.intoContainer ? { intoContainer: true } : {}),
              callFile: a.callFile, callSite: a.callSite, callText: a.callText, callTarget: a.target.globalId,
            });
          }
        }
      }
    }
    if (applications.length === 0) prepared.fixedGraph = graph;
    return graph;
  }

  /** Everything about a function's graph that does not depend on summaries, computed once. */
  private prepare(entry: FunctionEntry): Prepared {
    const cached = this.prepared.get(entry);
    if (cached) return cached;
    const { facts, file } = entry;
    const base: LinkEdge[] = [];
    const applications: Application[] = [];
    const classes = facts.objects.map((_, i) => this.classOf(entry, i, 0));
    for (const e of facts.edges) {
      if (e.kind === 'attr' && e.attr !== undefined && this.isPropertyStore(entry, classes[e.from], e.attr)) {
        // `x.prop = v` runs the property's setter: what it keeps is in the setter's summary.
        const cls = classes[e.from];
        const getter = cls ? this.findMethod(cls, e.attr) : this.onlyPropertyNamed(file, e.attr);
        if (getter) {
          applications.push({
            target: getter, summaryId: `${getter.globalId}${SETTER}`, bindings: [[e.from], [e.to]], fromConstructor: false,
            result: null, callFile: file.module.path, callSite: e.site, callText: e.text,
          });
        }
        continue;
      }
      if ((e.kind === 'item' || e.kind === 'attr') && this.holdsWeakly(entry, e.from, classes)) continue;
      // Spelled out rather than spread: this copies every reference of every function.
      const path = file.module.path;
      base.push(e.attr !== undefined
        ? { from: e.from, to: e.to, kind: e.kind, attr: e.attr, site: e.site, text: e.text, file: path }
        : { from: e.from, to: e.to, kind: e.kind, site: e.site, text: e.text, file: path });
    }
    let sites: Map<number, Span> | undefined;
    facts.objects.forEach((o, i) => {
      if (o.kind !== 'attr' || o.base === undefined || o.attr === undefined) return;
      sites ??= firstSites(facts);
      const baseClass = classes[o.base];
      const kind = this.attrKind(baseClass, o.attr);
      const site = { file: file.module.path, site: sites.get(i) ?? NO_SITE, text: o.label };
      if (kind === 'method') base.push({ from: i, to: o.base, kind: 'bound', ...site });
      else if (o.live !== false && (kind === 'strong' || kind === 'unknown' || kind === 'weak-container') && !isTypeAttribute(o.attr)) {
        // The reference exists because some method stored it: remember where, for reporting.
        const stored = baseClass ? this.storedAttr(baseClass, o.attr) : undefined;
        base.push({
          from: o.base, to: i, kind: 'implicit', attr: o.attr, ...site,
          ...(stored ? { storedFile: stored.file, storedSite: stored.site, storedText: stored.text } : {}),
        });
      }
    });
    for (const call of facts.calls) this.callEdges(entry, call, classes, base, applications);
    const prepared = { base, applications };
    this.prepared.set(entry, prepared);
    return prepared;
  }

  private callEdges(
    entry: FunctionEntry, call: FunctionCycleFacts['calls'][number], classes: readonly (ClassRef | undefined)[],
    base: LinkEdge[], applications: Application[],
  ): void {
    // Module functions, not closures made per call: this runs for every call of the project.
    const path = entry.file.module.path;

    if (call.runtimeClass && call.result !== null) {
      for (const a of call.args) directEdges(base, path, call, 'construct', call.result, a.refs);
      return;
    }
    if (call.superCall && call.method && entry.selfClass && call.receiver !== null) {
      for (const base of this.baseRefs(entry.selfClass)) {
        const target = this.findMethod(base, call.method);
        if (target) {
          applyCall(applications, path, call, target, bindArguments(target.fn.params, call.args, [call.receiver]));
          return;
        }
      }
      return;
    }
    if (call.receiver !== null && call.method) {
      // One-shot schedulers drop the callable once it has run: not a lasting reference.
      const bare = withoutLeadingUnderscores(call.method);
      if (ONE_SHOT_METHODS.has(bare)) return;
      if (call.applied) {
        // A registering decorator applied by hand keeps the callable in its receiver, whatever
        // the receiver's class: the registry is filled inside the decorator's closure.
        const receiverType = entry.facts.objects[call.receiver]!.type;
        if (receiverType && WEAK_CONTAINERS.has(receiverType)) return;
        if (APPLIED_REGISTRATION.test(bare.toLowerCase())) {
          for (const a of call.args) directEdges(base, path, call, 'register', call.receiver, a.refs);
        }
        return;
      }
      const cls = classes[call.receiver];
      if (cls) {
        const target = this.findMethod(cls, call.method);
        if (target && target.fn.kind !== 'staticmethod' && target.fn.kind !== 'classmethod') {
          applyCall(applications, path, call, target, bindArguments(target.fn.params, call.args, [call.receiver]));
          suspendedEdges(base, path, call, target, [call.receiver]);
          return;
        }
        if (target) {
          applyCall(applications, path, call, target, bindArguments(target.fn.params, call.args, target.fn.kind === 'classmethod' ? [null] : []));
          return;
        }
        if (target) return;
        if (WEAK_CONTAINERS.has(cls.globalId) || !this.hasUnresolvedBases(cls)) return;
      }
      const receiverType = entry.facts.objects[call.receiver]!.type;
      if (receiverType && WEAK_CONTAINERS.has(receiverType)) return;
      if (this.holdsWeakly(entry, call.receiver, classes)) return;
      const method = bare.toLowerCase();
      const container = CONTAINER_METHODS[call.method];
      if (container) {
        const args = container === 'last' ? call.args.slice(-1) : call.args;
        for (const a of args) directEdges(base, path, call, 'item', call.receiver, a.refs);
      } else if (method === 'callback' && this.isExitStack(entry, call.receiver, classes)) {
        for (const a of call.args) directEdges(base, path, call, 'register', call.receiver, a.refs);
      } else if (OPTION_METHODS.has(method)) {
        // Widget options (`root.config(menu=menu)`, `text.configure(font=f)`) are handed to the
        // toolkit by name or value; only callback options (`command=`, `yscrollcommand=`) are kept.
        for (const a of call.args) if (a.keyword !== null && OPTION_CALLBACK_KEYWORD.test(a.keyword)) directEdges(base, path, call, 'register', call.receiver, a.refs);
      } else if (REGISTRATION_METHODS.has(method) || REGISTRATION_NAME.test(method)) {
        for (const a of call.args) directEdges(base, path, call, 'register', call.receiver, a.refs);
      } else if (!cls && !receiverType && this.onlyMethodNamed(call.method)) {
        // A receiver of unknown class (`for cb in self.callbacks: cb.set_trainer(self)`): a method
        // name only one project class defines, and no builtin container or library convention
        // uses, is that class's method.
        const only = this.onlyMethodNamed(call.method)!;
        applyCall(applications, path, call, only, bindArguments(only.fn.params, call.args, [call.receiver]));
      } else {
        // Any other method given a callback by keyword keeps it: `tree.heading("name", command=self.sort)`,
        // `channel.basic_consume(queue, on_message_callback=self.on_message)`.
        for (const a of call.args) if (a.keyword !== null && CALLBACK_KEYWORD.test(a.keyword)) directEdges(base, path, call, 'register', call.receiver, a.refs);
      }
      return;
    }
    if (call.callee) {
      const cls = this.resolveClass(call.callee);
      if (cls && call.result !== null) {
        const init = this.findMethod(cls, '__init__');
        if (init) {
          applyCall(applications, path, call, init, bindArguments(init.fn.params, call.args, [call.result]));
          return;
        }
        const fields = this.fieldsOf(cls);
        if (fields) {
          this.fieldEdges(cls, fields, call, base, path);
          return;
        }
        if (!this.hasUnresolvedBases(cls)) return;
      }
      const fn = cls ? undefined : this.resolveFunction(call.callee);
      if (fn) {
        applyCall(applications, path, call, fn, bindArguments(fn.fn.params, call.args, fn.fn.kind === 'classmethod' ? [null] : []));
        suspendedEdges(base, path, call, fn, []);
        return;
      }
      const [heap, ...items] = call.args;
      if (INSERTING_FUNCTIONS.has(call.callee) && heap && !heap.splat) {
        for (const h of heap.refs) for (const a of items) directEdges(base, path, call, 'item', h, a.refs);
        return;
      }
      // A class from outside the project: assume its instance keeps what it is given.
      if (call.result !== null && entry.facts.objects[call.result]!.kind === 'new' && !call.callee.startsWith('builtins.')
        && !WEAK_CONTAINERS.has(call.callee)) {
        for (const a of call.args) directEdges(base, path, call, 'construct', call.result, a.refs);
      }
    }
  }

  /** A dataclass-style constructor stores each field's argument on the new instance. */
  private fieldEdges(
    cls: ClassRef, fields: readonly DataclassField[], call: FunctionCycleFacts['calls'][number],
    base: LinkEdge[], path: string,
  ): void {
    let position = 0;
    let positional = true;
    for (const a of call.args) {
      if (a.splat) {
        positional = false;
        continue;
      }
      const index = a.keyword !== null ? fields.findIndex((f) => f.name === a.keyword) : positional ? position++ : -1;
      const f = index >= 0 ? fields[index] : undefined;
      if (!f) continue;
      const attr = this.classAttrs.get(f.owner.globalId)?.get(f.name);
      const site = attr?.declaredAt ?? cls.cls.nameSpan;
      for (const v of a.refs) {
        base.push({
          from: call.result!, to: v, kind: 'summary', attr: f.name, file: f.owner.file.module.path, site, text: attr?.declaredText ?? f.name,
          fromConstructor: true, callFile: path, callSite: call.site, callText: call.text,
        });
      }
    }
  }

  /**
   * A dataclass-style class's constructor fields: its bases' (those that are dataclasses too, in
   * order, each name once), then its own. Bases are visited on an explicit stack, each once per
   * question; answers are kept, except those a loop of bases (names re-bound) cut short.
   */
  private fieldsOf(cls: ClassRef): readonly DataclassField[] | null {
    const cached = this.fieldsCache.get(cls.globalId);
    if (cached !== undefined) return cached;
    if (!this.initFields.get(cls.globalId)) return null;
    const done = new Map<string, readonly DataclassField[]>();
    const open = new Set<string>([cls.globalId]);
    const cutShort = new Set<string>();
    const stack: { cls: ClassRef; bases: ClassRef[]; next: number; inLoop: boolean }[] = [
      { cls, bases: this.baseRefs(cls), next: 0, inLoop: false },
    ];
    for (;;) {
      const frame = stack[stack.length - 1]!;
      const base = frame.bases[frame.next++];
      if (base) {
        const id = base.globalId;
        if (open.has(id) || cutShort.has(id)) frame.inLoop = true;
        else if (!done.has(id) && this.initFields.get(id)) {
          const known = this.fieldsCache.get(id);
          if (known) done.set(id, known);
          else {
            open.add(id);
            stack.push({ cls: base, bases: this.baseRefs(base), next: 0, inLoop: false });
          }
        }
        continue;
      }
      const own = this.initFields.get(frame.cls.globalId)!;
      const names = new Set(own);
      const fields: DataclassField[] = [];
      for (const b of frame.bases) {
        for (const f of done.get(b.globalId) ?? []) {
          if (names.has(f.name)) continue;
          names.add(f.name);
          fields.push(f);
        }
      }
      for (const name of own) fields.push({ name, owner: frame.cls });
      done.set(frame.cls.globalId, fields);
      open.delete(frame.cls.globalId);
      if (frame.inLoop) cutShort.add(frame.cls.globalId);
      else this.fieldsCache.set(frame.cls.globalId, fields);
      stack.pop();
      if (stack.length === 0) return fields;
      if (frame.inLoop) stack[stack.length - 1]!.inLoop = true;
    }
  }

  // ---- what the classes say about attributes -----------------------------------------------

  private classOf(entry: FunctionEntry, id: number, depth: number): ClassRef | undefined {
    const o = entry.facts.objects[id]!;
    if (o.kind === 'self') return entry.selfClass;
    if (o.type) return this.resolveClass(o.type);
    if (o.kind === 'attr' && o.base !== undefined && o.attr !== undefined && depth < 4) {
      const base = this.classOf(entry, o.base, depth + 1);
      const attr = base ? this.lookupAttr(base, o.attr) : undefined;
      const types = attr?.types.filter((t) => !WEAK_CONTAINERS.has(t)) ?? [];
      if (types.length === 1) return this.resolveClass(types[0]!);
    }
    return undefined;
  }

  /** For a receiver of unknown class: the one plain method of that name the project defines, if one. */
  private onlyMethodNamed(name: string): FunctionRef | undefined {
    const found = this.project.methodsNamed(name);
    if (found.length !== 1 || found[0]!.fn.kind !== 'method' || name.startsWith('__') || COMMON_METHOD_NAMES.has(name)) return undefined;
    return found[0];
  }

  /** For a receiver of unknown class: the one property of that name this module defines, if one. */
  private onlyPropertyNamed(file: FileFacts, name: string): FunctionRef | undefined {
    if (!this.propertiesByModule) {
      this.propertiesByModule = new Map();
      for (const ref of this.project.functions.values()) {
        if (ref.fn.kind !== 'property') continue;
        const key = `${ref.file.module.name}:${ref.fn.name}`;
        this.propertiesByModule.set(key, [...(this.propertiesByModule.get(key) ?? []), ref]);
      }
    }
    const found = this.propertiesByModule.get(`${file.module.name}:${name}`) ?? [];
    return found.length === 1 ? found[0] : undefined;
  }

  private isPropertyStore(entry: FunctionEntry, cls: ClassRef | undefined, attr: string): boolean {
    if (cls) return this.attrKind(cls, attr) === 'property';
    return entry.file.cycles.propertySetters.includes(attr);
  }

  /** A weak container (WeakSet, WeakValueDictionary) keeps nothing its code puts in it. */
  private holdsWeakly(entry: FunctionEntry, id: number, classes: readonly (ClassRef | undefined)[]): boolean {
    const o = entry.facts.objects[id]!;
    if (o.type && WEAK_CONTAINERS.has(o.type)) return true;
    if (o.kind === 'attr' && o.base !== undefined && o.attr !== undefined) {
      const base = classes[o.base];
      if (base) return this.attrKind(base, o.attr) === 'weak-container';
      // A receiver of unknown class (`self.package._cache._weakversions`): an attribute that
      // every project class defining it makes a weak container is taken to be one here too.
      return this.weakContainerNames().has(o.attr);
    }
    return false;
  }

  /** `contextlib.ExitStack()` built here, or kept in an attribute the class fills with one. */
  private isExitStack(entry: FunctionEntry, id: number, classes: readonly (ClassRef | undefined)[]): boolean {
    const o = entry.facts.objects[id]!;
    if (o.type) return EXIT_STACKS.has(o.type);
    if (o.kind !== 'attr' || o.base === undefined || o.attr === undefined) return false;
    const base = classes[o.base];
    const types = base ? this.classAttrs.get(base.globalId)?.get(o.attr)?.types : undefined;
    return types !== undefined && types.length > 0 && types.every((t) => EXIT_STACKS.has(t));
  }

  private weakContainerNames(): ReadonlySet<string> {
    if (this.weakNames) return this.weakNames;
    const weak = new Set<string>();
    const strong = new Set<string>();
    for (const attrs of this.classAttrs.values()) {
      for (const a of attrs.values()) {
        if (a.types.length > 0 && a.types.every((t) => WEAK_CONTAINERS.has(t))) weak.add(a.name);
        else if (a.strongStores > 0 || a.declared !== null) strong.add(a.name);
      }
    }
    for (const name of strong) weak.delete(name);
    return (this.weakNames = weak);
  }

  private attrKind(cls: ClassRef | undefined, name: string): AttrKind {
    if (!cls) return 'unknown';
    let byName = this.attrKindCache.get(cls);
    if (!byName) this.attrKindCache.set(cls, (byName = new Map()));
    let kind = byName.get(name);
    if (kind === undefined) {
      kind = this.computeAttrKind(cls, name);
      byName.set(name, kind);
    }
    return kind;
  }

  private computeAttrKind(cls: ClassRef, name: string): AttrKind {
    const attr = this.lookupAttr(cls, name);
    if (attr && (attr.strongStores > 0 || attr.weakStores > 0 || attr.declared === 'field')) {
      const weakTypes = attr.types.filter((t) => WEAK_CONTAINERS.has(t));
      if (weakTypes.length > 0 && weakTypes.length === attr.types.length) return 'weak-container';
      if (attr.strongStores === 0 && attr.weakStores > 0 && attr.declared !== 'field') return 'weak';
      return 'strong';
    }
    const method = this.findMethod(cls, name);
    if (method) {
      if (method.fn.kind === 'method') return 'method';
      if (method.fn.kind === 'property') return 'property';
      return 'static';
    }
    if (attr?.declared === 'class') return 'class-level';
    return 'unknown';
  }

  /** Where `name` was stored (or declared) on `cls` or the nearest base that has it. */
  private storedAttr(cls: ClassRef, name: string): StoredAt | undefined {
    if (!this.attrNames.has(name)) return undefined;
    return this.inBases(cls, this.cacheFor(this.storedCache, name), (c) => {
      const own = this.classAttrs.get(c.globalId)?.get(name);
      if (own?.storedAt) return { file: c.file.module.path, site: own.storedAt, text: own.storedText ?? name };
      if (own?.declaredAt) return { file: c.file.module.path, site: own.declaredAt, text: own.declaredText ?? name };
      return undefined;
    });
  }

  private lookupAttr(cls: ClassRef, name: string): ClassAttrFact | undefined {
    if (!this.attrNames.has(name)) return undefined;
    return this.inBases(cls, this.cacheFor(this.attrCache, name), (c) => this.classAttrs.get(c.globalId)?.get(name));
  }

  /**
   * What `findInBases(cls, own)` answers, remembering the answer of every class the walk finishes
   * in `cache` (null: none), so that asking about each class of a chain of N bases costs N steps
   * in all, not N per class. The answer of a class is its own, else its bases' in order — the
   * same as the depth-first walk, whose `seen` only skips classes that already answered nothing.
   * Answers that depend on a loop of bases (re-bound names) are not kept: a query that meets
   * one falls back to the plain walk.
   */
  private inBases<T>(cls: ClassRef, cache: Map<string, T | null>, own: (c: ClassRef) => T | undefined): T | undefined {
    const known = cache.get(cls.globalId);
    if (known !== undefined) return known ?? undefined;
    const open = new Set<string>();
    const stack: { cls: ClassRef; bases: ClassRef[]; next: number; inLoop: boolean }[] = [];
    /** A class's answer if known now (null: nothing), else undefined after opening a frame for it. */
    const enter = (c: ClassRef): T | null | undefined => {
      const hit = cache.get(c.globalId);
      if (hit !== undefined) return hit;
      if (open.has(c.globalId)) {
        stack[stack.length - 1]!.inLoop = true;
        return null;
      }
      const mine = own(c);
      if (mine !== undefined) {
        cache.set(c.globalId, mine);
        return mine;
      }
      open.add(c.globalId);
      stack.push({ cls: c, bases: this.baseRefs(c), next: 0, inLoop: false });
      return undefined;
    };
    let answer = enter(cls);
    let inLoop = false;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const base = answer === undefined || answer === null ? frame.bases[frame.next++] : undefined;
      if (base) {
        answer = enter(base);
        continue;
      }
      // The frame is done: a base answered, or none did.
      if (answer === undefined) answer = null;
      stack.pop();
      open.delete(frame.cls.globalId);
      if (!frame.inLoop) cache.set(frame.cls.globalId, answer);
      else if (stack.length > 0) stack[stack.length - 1]!.inLoop = true;
      inLoop = frame.inLoop;
    }
    if (inLoop) return this.findInBases(cls, own);
    return answer ?? undefined;
  }

  /**
   * The first answer `pick` gives for `cls` or one of its bases, depth first in declaration
   * order, each class once: an explicit stack and a `seen` set, since chains of bases may be
   * as long as the project (and may loop, through re-bound names).
   */
  private findInBases<T>(cls: ClassRef, pick: (c: ClassRef) => T | undefined): T | undefined {
    const seen = new Set<string>();
    const stack = [cls];
    while (stack.length > 0) {
      const c = stack.pop()!;
      if (seen.has(c.globalId)) continue;
      seen.add(c.globalId);
      const found = pick(c);
      if (found !== undefined) return found;
      const bases = this.baseRefs(c);
      for (let i = bases.length - 1; i >= 0; i--) stack.push(bases[i]!);
    }
    return undefined;
  }

  private baseRefs(cls: ClassRef): ClassRef[] {
    const out: ClassRef[] = [];
    for (const b of cls.cls.bases) {
      const ref = b.qualifiedName ? this.resolveClass(b.qualifiedName) : undefined;
      if (ref && ref.globalId !== cls.globalId) out.push(ref);
    }
    return out;
  }

  /**
   * A base outside the project (or unresolvable), here or further up, may define any method or
   * attribute. Every base is looked at (each once), so the cached answer is the same whatever
   * class was asked about first.
   */
  private hasUnresolvedBases(cls: ClassRef): boolean {
    return this.inBases(cls, this.unresolvedBases, (c) => (c.cls.bases.some((b) => b.qualifiedName !== 'builtins.object'
      && !(b.qualifiedName && this.resolveClass(b.qualifiedName))) ? true : undefined)) ?? false;
  }

  private subclassIndex(): Map<string, string[]> {
    const index = new Map<string, string[]>();
    for (const cls of this.project.classes.values()) {
      for (const base of this.baseRefs(cls)) {
        const list = index.get(base.globalId) ?? [];
        list.push(cls.globalId);
        index.set(base.globalId, list);
      }
    }
    return index;
  }

  // ---- cycles ------------------------------------------------------------------------------

  private cyclesIn(entry: FunctionEntry): ReferenceCycle[] {
    const graph = this.graphOf(entry);
    const { objects } = entry.facts;
    const out: ReferenceCycle[] = [];
    for (const component of stronglyConnected(graph)) {
      const members = new Set(component);
      const edges = component.flatMap((n) => graph[n]!.filter((e) => members.has(e.to)));
      if (edges.length === 0 || !(component.some((n) => isAnchor(objects[n]!)) || edges.some((e) => pointsBackToElement(e, objects)))) continue;
      if (madeByOneCall(edges)) continue;
      if (component.some((n) => objects[n]!.type === CLASS_OBJECT_TYPE)) continue;
      const classes = this.participants(entry, component);
      out.push(
        ...this.callableCycles(graph, objects, members, edges, classes),
        ...selfStores(objects, edges, classes),
        ...this.plainCycles(graph, objects, component, classes),
      );
    }
    return out;
  }

  /** Cycles through a bound method, closure or coroutine that captures something holding it. */
  private callableCycles(
    graph: readonly (readonly LinkEdge[])[], objects: readonly CycleObject[], members: ReadonlySet<number>,
    edges: readonly LinkEdge[], classes: Participants,
  ): ReferenceCycle[] {
    const out: ReferenceCycle[] = [];
    for (const e of edges) {
      if (STRUCTURAL.has(e.kind)) continue;
      let via: SelfReferenceVia;
      let holds: string;
      let viaCallee: string | undefined;
      // A callable a call returned (`self._make_callback()`): whatever keeps it is reported.
      if (e.resultIsCallable) continue;
      if (e.kind === 'summary' && e.callable) {
        // A cycle the call makes on its own (`parser = self.getParser()`, where the getter both
        // returns `self._parser` and installs `self`'s handlers on it) is the callee's, reported there.
        if (closedByCallAlone(graph, members, e)) continue;
        // The callee holds a callable capturing an argument: report the call.
        via = e.callable;
        holds = objects[e.to]!.label;
        viaCallee = e.callTarget;
      } else {
        const captured = graph[e.to]!.find((x) => (CALLABLE.has(x.kind) || x.resultIsCallable) && members.has(x.to));
        if (!captured) continue;
        const callable = objects[e.to]!;
        via = captured.resultIsCallable ? captured.callable ?? 'closure'
          : callable.kind === 'closure' ? 'closure' : callable.kind === 'value' ? 'coroutine' : 'bound-method';
        holds = this.instanceLabel(graph, objects, captured.to);
      }
      out.push({
        kind: 'self-reference', file: e.callFile ?? e.file, site: e.callSite ?? e.site, text: e.callText ?? e.text,
        forward: null, via, holds, related: this.relatedFor(edges, e, objects), ...classes,
        ...(viaCallee ? { viaCallee } : {}),
      });
    }
    return out;
  }

  /** Cycles of plain references (no callable on the way, no self-loop): parent ↔ child. */
  private plainCycles(
    graph: readonly (readonly LinkEdge[])[], objects: readonly CycleObject[], component: readonly number[],
    classes: Participants,
  ): ReferenceCycle[] {
    const out: ReferenceCycle[] = [];
    const members = new Set(component);
    const localIndex = new Map(component.map((n, i) => [n, i]));
    const subgraph = component.map((n) => graph[n]!
      .filter((e) => members.has(e.to) && !isCallableEdge(e) && e.from !== e.to)
      .map((e) => ({ ...e, from: localIndex.get(e.from)!, to: localIndex.get(e.to)! })));
    const objectAt = (i: number) => objects[component[i]!]!;
    const original = (e: LinkEdge) => ({ ...e, from: component[e.from]!, to: component[e.to]! });
    for (const sub of stronglyConnected(subgraph)) {
      const subMembers = new Set(sub);
      const subEdges = sub.flatMap((n) => subgraph[n]!.filter((e) => subMembers.has(e.to)));
      if (subEdges.length < 2 || !(sub.some((n) => isAnchor(objectAt(n))) || subEdges.some((e) => pointsBackToElement(e, objectAt)))) continue;
      if (madeByOneCall(subEdges)) continue;
      // A cycle through an existing back-pointer attribute of `self` (`self.pool` when
      // `await self.pool.put_back(self)`) is the cycle that attribute's store closes.
      // So is one the object was handed (`self.world = world`, a dataclass field) when the cycle
      // closes in a container of it (`self.world.entities.append(self)`): the child keeps its owner.
      const intoContainerOf = (x: number) => subEdges.some((f) => f.kind === 'item' && objectAt(f.from).kind === 'attr'
        && objectAt(f.from).base !== undefined && localIndex.get(objectAt(f.from).base!) === x);
      const storedBack = subEdges
        .filter((e) => e.kind === 'implicit' && e.storedSite && e.attr !== undefined && objectAt(e.from).kind === 'self'
          && (BACK_REFERENCE_WORDS.test(e.attr) || (HANDED_IN.test(e.storedText ?? '') && intoContainerOf(e.to))))
        .map((e) => ({ ...e, kind: 'attr' as const, file: e.storedFile!, site: e.storedSite!, text: e.storedText! }));
      const explicit = [...subEdges.filter((e) => !STRUCTURAL.has(e.kind)), ...storedBack];
      if (explicit.length === storedBack.length) continue;
      // Each conventional back-pointer store (`prev`, `parent`) closes a cycle of its own;
      // without one, the likeliest back-reference stands for the group.
      // So does a reference to an owner that keeps the object in a container of its own
      // (`col = Column(name, self, self.model)`, `self.columns.append(col)`,
      // `self.model.columns.append(col)`: the `table` and `model` fields are two back-references).
      // Likewise a constructor that keeps its owner, for each helper the owner keeps in an
      // attribute (`self.undo = UndoStack(self)`, `self.search = SearchBar(self)`).
      const keptBy = (e: LinkEdge) => subEdges.some((f) => (f.kind === 'item' && f.to === e.from && objectAt(f.from).kind === 'attr'
        && objectAt(f.from).base !== undefined && localIndex.get(objectAt(f.from).base!) === e.to)
        || (f.kind === 'attr' && f.from === e.to && f.to === e.from && e.kind === 'summary' && e.fromConstructor === true));
      // One attribute of one object is one back-reference, however many statements store it
      // (`self.screen = screen` / `= screen.screen` / `= Screen()` in exclusive branches).
      const candidates = explicit.filter((e) => e.attr !== undefined && (BACK_REFERENCE_WORDS.test(e.attr) || keptBy(e)));
      const named = onePerAttribute(candidates, objectAt);
      // The likeliest back-reference of the other stores stands for a cycle no named one closes
      // (`executive = Executive(self)` handed to `self.register(...)` next to `self.stdin = StdInputFile(self)`).
      const stores = explicit.filter((e) => named.includes(e) || !candidates.includes(e));
      // An object put into its own containers (`self.items = []` … `self.items.append(self)`,
      // `self.path = [self]`) holds itself: each such store is the finding, not the container's.
      // A container filled first and attached after (`trail = [self]; self.trail = trail`) is
      // closed by the attaching store: that is where it is reported.
      const owned = new Map<number, Map<number, LinkEdge | null> | null>();
      const closing = new Map<LinkEdge, LinkEdge>();
      const closers = new Set<LinkEdge>();
      const intoOwn = subEdges.filter((e) => {
        if (e.kind !== 'item' && e.kind !== 'literal') return false;
        if (!owned.has(e.to)) owned.set(e.to, ownData(e.to, sub, subgraph, objectAt));
        const attach = owned.get(e.to)?.get(e.from);
        if (attach === undefined) return false;
        const closer = attach && attach.site.start > e.site.start ? attach : e;
        if (closers.has(closer)) return false;
        closers.add(closer);
        closing.set(e, closer);
        return true;
      });
      const backs = intoOwn.length > 0 ? intoOwn
        : candidates.length > 1 ? distinctBackEdges([...named, chooseBackEdge(stores, objectAt)], subgraph, subMembers, objectAt)
          : [chooseBackEdge(explicit, objectAt)];
      for (const back of backs) {
        const target = objectAt(back.to);
        const selfStore = intoOwn.includes(back);
        // The way back: from what the back-reference points at to where it is stored.
        const returnPath = shortestPath(subgraph, back.to, back.from, subMembers);
        const forward = returnPath.find((e) => !STRUCTURAL.has(e.kind)) ?? null;
        const report = reportSite(closing.get(back) ?? back);
        out.push({
          kind: selfStore ? 'self-reference' : 'parent-child',
          file: report.file, site: report.site, text: report.text,
          // One statement that makes both references (`self.reader = Reader(self)`) names no
          // separate forward store.
          forward: forward && forwardText(forward) !== report.text ? forwardText(forward) : null,
          via: selfStore ? 'self' : null,
          holds: target.label,
          related: this.relatedFor([...returnPath, ...explicit].map(original), original(back), objects),
          ...classes,
        });
      }
    }
    return out;
  }

  /** The instance a bound method belongs to, for messages (`self`, not `self.handle`). */
  private instanceLabel(graph: readonly (readonly LinkEdge[])[], objects: readonly CycleObject[], id: number): string {
    const bound = graph[id]!.find((e) => e.kind === 'bound');
    return objects[bound ? bound.to : id]!.label;
  }

  private relatedFor(edges: readonly LinkEdge[], reported: LinkEdge, objects: readonly CycleObject[]): RelatedLocation[] {
    const out: RelatedLocation[] = [];
    const seen = new Set<string>([`${reported.callFile ?? reported.file}:${(reported.callSite ?? reported.site).start}`, `${reported.file}:${reported.site.start}`]);
    for (const e of edges) {
      if (STRUCTURAL.has(e.kind)) continue;
      for (const [file, site, text] of [[e.file, e.site, e.text], ...(e.callSite ? [[e.callFile!, e.callSite, e.callText!] as const] : [])] as const) {
        const key = `${file}:${site.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ file, span: site, message: `\`${objects[e.from]!.label}\` holds \`${objects[e.to]!.label}\` here: \`${text}\`` });
      }
      if (out.length >= 4) break;
    }
    return out;
  }

  private participants(entry: FunctionEntry, component: readonly number[]): Participants {
    const classes = new Set<string>();
    const selfClasses = new Set<string>();
    for (const n of component) {
      const cls = this.classOf(entry, n, 0);
      if (!cls) continue;
      classes.add(cls.globalId);
      // `self`, or a parameter or attribute declared with a class (`comp: Component`): an
      // instance of a subclass takes that place as well. An instance built here (`Node(...)`) is
      // of that class exactly — unless built through a `type[C]` parameter (`kind(self, pos)`).
      const o = entry.facts.objects[n]!;
      if (o.kind !== 'new' || o.subclassOk) selfClasses.add(cls.globalId);
    }
    return { classes: [...classes].sort(), selfClasses: [...selfClasses].sort() };
  }
}

// ---- helpers -------------------------------------------------------------------------------

interface Participants {
  readonly classes: string[];
  readonly selfClasses: string[];
}

/** An object stored into itself: `self.me = self`, `m.append(m)`. */
function selfStores(objects: readonly CycleObject[], edges: readonly LinkEdge[], classes: Participants): ReferenceCycle[] {
  const out: ReferenceCycle[] = [];
  for (const e of edges) {
    if (e.from !== e.to || STRUCTURAL.has(e.kind) || isCallableEdge(e)) continue;
    // The one object standing for all elements of a container may be two of them:
    // `nodes[i].next = nodes[i + 1]` with `nodes[i + 1].prev = nodes[i]` links neighbours both
    // ways, a parent ↔ child cycle closed by the back-pointer store.
    // A back-pointer alone (`b.prev = a` over `zip(items, items[1:])`) links one way only.
    if (objects[e.to]!.kind === 'element' && (pointsBackToElement(e, objects) || linksElementsBothWays(objects, edges, e.to))) {
      if (pointsBackToElement(e, objects) && linksElementsBothWays(objects, edges, e.to)) {
        out.push({
          kind: 'parent-child', file: e.file, site: e.site, text: e.text, forward: null, via: null,
          holds: objects[e.to]!.label, related: [], ...classes,
        });
      }
      continue;
    }
    const here = e.kind === 'summary' ? { file: e.callFile ?? e.file, site: e.callSite ?? e.site, text: e.callText ?? e.text } : e;
    out.push({
      kind: 'self-reference', file: here.file, site: here.site, text: here.text, forward: null, via: 'self',
      holds: objects[e.to]!.label, related: [], ...classes,
    });
  }
  return out;
}

/** An element with a back-pointer to its own kind and another link among them (`prev` and `next`). */
function linksElementsBothWays(objects: readonly CycleObject[], edges: readonly LinkEdge[], element: number): boolean {
  const loops = edges.filter((f) => f.from === element && f.to === element && !STRUCTURAL.has(f.kind) && !isCallableEdge(f));
  return loops.some((f) => pointsBackToElement(f, objects)) && loops.some((f) => !pointsBackToElement(f, objects));
}

/** Objects this code made or was handed; a cycle made only of values read out of existing
 *  structure (`node.prev.next = node.next`) relinks a cycle built elsewhere. */
function isAnchor(o: CycleObject): boolean {
  return o.kind !== 'attr' && o.kind !== 'element';
}

/**
 * A back-pointer stored to a loop's element (`for node in nodes: for child in node.children:
 * child.parent = node`) makes a cycle, even though every object was read out of existing
 * structure: it is not a relink (that would store another attribute's value).
 */
function pointsBackToElement(e: LinkEdge, objects: readonly CycleObject[] | ((i: number) => CycleObject)): boolean {
  const to = typeof objects === 'function' ? objects(e.to) : objects[e.to]!;
  return e.kind === 'attr' && e.attr !== undefined && BACK_REFERENCE_WORDS.test(e.attr) && to.kind === 'element';
}

/**
 * When a cycle through `owner` runs only through `owner`'s own data — containers it keeps in its
 * attributes (`self.items = []`, `self.handlers`) and what those hold (`self.handlers[topic]`) —
 * the store that made each of them `owner`'s (null: an attribute some other method stored).
 * Null when the cycle passes through anything else: an attribute of an attribute
 * (`self.world.entities`) is another object's (parent ↔ child), and so is a container handed to
 * a constructor (`y.add(K(y))`).
 */
function ownData(
  owner: number, sub: readonly number[], graph: readonly (readonly LinkEdge[])[], objectAt: (i: number) => CycleObject,
): Map<number, LinkEdge | null> | null {
  const kind = objectAt(owner).kind;
  if (kind === 'attr' || kind === 'element' || kind === 'container') return null;
  const members = new Set(sub);
  const attached = new Map<number, LinkEdge | null>();
  const todo = [owner];
  while (todo.length > 0) {
    const n = todo.pop()!;
    for (const e of graph[n]!) {
      if (!members.has(e.to) || e.to === owner || attached.has(e.to)) continue;
      const to = objectAt(e.to).kind;
      const held = n === owner
        ? (e.kind === 'attr' || e.kind === 'implicit') && (to === 'container' || to === 'attr')
        : (e.kind === 'literal' || e.kind === 'item' || e.kind === 'iter') && (to === 'container' || to === 'element');
      if (!held) continue;
      attached.set(e.to, n === owner ? (e.kind === 'implicit' ? null : e) : attached.get(n)!);
      todo.push(e.to);
    }
  }
  return sub.every((n) => n === owner || attached.has(n)) ? attached : null;
}

/** `_on_close` → `on_close` (most names have no leading underscore: no regex for those). */
function withoutLeadingUnderscores(name: string): string {
  return name.charCodeAt(0) === 95 /* _ */ ? name.replace(/^_+/, '') : name;
}

function isTypeAttribute(attr: string): boolean {
  return attr === '__class__' || attr === '__func__' || attr === '__self__' || attr === '__wrapped__';
}

const NO_SITE: Span = { start: 0, end: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

/** Where each object first shows up: its first edge, else its first call (one pass, not one per object). */
function firstSites(facts: FunctionCycleFacts): Map<number, Span> {
  const sites = new Map<number, Span>();
  const note = (id: number | null, site: Span) => {
    if (id !== null && !sites.has(id)) sites.set(id, site);
  };
  for (const e of facts.edges) {
    note(e.from, e.site);
    note(e.to, e.site);
  }
  for (const c of facts.calls) {
    note(c.receiver, c.site);
    note(c.result, c.site);
    for (const a of c.args) for (const r of a.refs) note(r, c.site);
  }
  return sites;
}

/** Map a call's arguments onto the callee's parameters: objects per parameter index. */
function bindArguments(params: readonly ParamFact[], args: FunctionCycleFacts['calls'][number]['args'], implicit: readonly (number | null)[]): number[][] {
  const bound: number[][] = params.map(() => []);
  // `null`: an implicit parameter with nothing to bind (a classmethod's `cls`).
  implicit.forEach((id, i) => {
    if (id !== null) bound[i]?.push(id);
  });
  let position = implicit.length;
  const varPositional = params.findIndex((p) => p.kind === 'var-positional');
  const varKeyword = params.findIndex((p) => p.kind === 'var-keyword');
  let positional = true;
  for (const a of args) {
    if (a.splat) {
      positional = false;
      continue;
    }
    if (a.keyword !== null) {
      const index = params.findIndex((p) => p.name === a.keyword && p.kind !== 'var-positional' && p.kind !== 'var-keyword');
      const target = index >= 0 ? index : varKeyword;
      if (target >= 0) bound[target]!.push(...a.refs);
      continue;
    }
    if (!positional) continue;
    const p = params[position];
    if (p && p.kind === 'positional') {
      bound[position]!.push(...a.refs);
      position++;
    } else if (varPositional >= 0) {
      bound[varPositional]!.push(...a.refs);
    }
  }
  return bound;
}

/** Suffix of a property setter's summary id: it shares its name (and global id) with the getter. */
const SETTER = '#setter';

/** The id a function's summary is kept under: a property's setter apart from its getter. */
function summaryIdOf(entry: FunctionEntry): string {
  const setter = entry.fn!.fn.kind === 'property' && entry.facts.objects.some((o) => o.paramIndex === 1);
  return setter ? `${entry.fn!.globalId}${SETTER}` : entry.fn!.globalId;
}

/** A call of a project function or method: its summary applies here. */
function applyCall(
  applications: Application[], path: string, call: FunctionCycleFacts['calls'][number], target: FunctionRef, bindings: number[][],
): void {
  const fromConstructor = target.fn.name === '__init__' || target.fn.name === '__post_init__' || target.fn.name === '__new__';
  applications.push({
    target, summaryId: target.globalId, bindings, fromConstructor, result: fromConstructor ? null : call.result,
    callFile: path, callSite: call.site, callText: call.text,
  });
}

/**
 * Calling an `async def` or a generator function builds a coroutine/generator whose frame holds
 * the receiver and the arguments until it finishes.
 */
function suspendedEdges(
  base: LinkEdge[], path: string, call: FunctionCycleFacts['calls'][number], target: FunctionRef, implicit: readonly number[],
): void {
  if (call.result === null || !(target.fn.isAsync || target.fn.isGenerator)) return;
  for (const r of implicit) base.push({ from: call.result, to: r, kind: 'bound', file: path, site: call.site, text: call.text });
  for (const a of call.args) for (const r of a.refs) base.push({ from: call.result, to: r, kind: 'capture', file: path, site: call.site, text: call.text });
}

/** References a call makes by itself (`xs.append(x)`, `bus.connect(handler)`), at the call. */
function directEdges(
  base: LinkEdge[], path: string, call: FunctionCycleFacts['calls'][number], kind: LinkEdgeKind, holder: number, values: readonly number[],
): void {
  for (const v of values) base.push({ from: holder, to: v, kind, file: path, site: call.site, text: call.text });
}

function dedupeSummaries(edges: SummaryEdge[]): SummaryEdge[] {
  const seen = new Set<string>();
  return edges.filter((e) => {
    const key = `${e.holder}>${e.held}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function summaryKey(edges: readonly SummaryEdge[]): string {
  return edges.map((e) => `${e.holder}>${e.held}@${e.file}:${e.site.start}`).sort().join('|');
}

/**
 * Which store in a cycle is the back-reference: a conventional back-pointer name (`parent`,
 * `owner`, `prev`), else what a constructor or callee stored, else a store of the owner itself
 * (`child.parent = self`), else the last store.
 */
function chooseBackEdge(edges: readonly LinkEdge[], objectAt: (i: number) => CycleObject): LinkEdge {
  let best = edges[0]!;
  for (const e of edges.slice(1)) {
    const d = backScore(e, objectAt) - backScore(best, objectAt);
    if (d > 0 || (d === 0 && (e.site.start > best.site.start && e.file === best.file))) best = e;
  }
  return best;
}

/** How likely a store is the back-reference of its cycle (see `chooseBackEdge`). */
function backScore(e: LinkEdge, objectAt: (i: number) => CycleObject): number {
  let s = 0;
  if (e.attr !== undefined && BACK_REFERENCE_WORDS.test(e.attr)) s += 8;
  // What a callee stored is likelier the back-reference, unless it put the value into one of its
  // containers: `customer.place(self)` filling `self.orders` is the owner keeping its child.
  if ((e.kind === 'summary' && !e.intoContainer) || e.kind === 'construct') s += 4;
  // (Not a callee putting it into a container: `subject.attach(self)` is the owner keeping it.)
  if (objectAt(e.to).kind === 'self' && (e.kind === 'attr' || (e.kind === 'summary' && !e.intoContainer))) s += 2;
  // `self.subject = subject` next to `subject.attach(self)`: the child keeps the owner it was given.
  if (e.kind === 'attr' && objectAt(e.from).kind === 'self' && objectAt(e.to).kind === 'param') s += 2;
  if (e.kind === 'attr' || e.kind === 'summary' || e.kind === 'construct' || e.kind === 'register') s += 1;
  // `self.clock = Clock()`: keeping what it just built is the owner's side, not the way back.
  if (e.kind === 'attr' && objectAt(e.to).kind === 'new') s -= 1;
  return s;
}

/**
 * Conventional back-pointer stores that each close a cycle of their own (`child.parent = self`
 * and `grandchild.parent = child`), in source order. Two that only hold each other's ends
 * (`self.board = Board(self)` with `self.game = game`: both names sound like owners) are one
 * cycle: the likelier back-reference stands for it.
 */
function distinctBackEdges(
  named: readonly LinkEdge[], graph: readonly (readonly LinkEdge[])[], members: ReadonlySet<number>,
  objectAt: (i: number) => CycleObject,
): LinkEdge[] {
  const chosen = new Set<LinkEdge>();
  for (const e of [...named].sort((a, b) => backScore(b, objectAt) - backScore(a, objectAt))) {
    if (shortestPath(graph, e.to, e.from, members).some((w) => chosen.has(w))) continue;
    chosen.add(e);
  }
  return named.filter((e) => chosen.has(e));
}

/**
 * Stores into the same attribute of the same object, reduced to one: only one of them holds at a
 * time. This function's own store is preferred to a callee's (reported in the callee when it
 * makes a cycle there), then the likeliest back-reference, then the earliest.
 */
function onePerAttribute(edges: readonly LinkEdge[], objectAt: (i: number) => CycleObject): LinkEdge[] {
  const best = new Map<string, LinkEdge>();
  const rank = (e: LinkEdge) => (e.kind === 'summary' ? 0 : 100) + backScore(e, objectAt);
  for (const e of edges) {
    const key = `${e.from}:${e.attr}`;
    const other = best.get(key);
    const d = other ? rank(e) - rank(other) : 1;
    if (d > 0 || (d === 0 && e.file === other!.file && e.site.start < other!.site.start)) best.set(key, e);
  }
  return edges.filter((e) => best.get(`${e.from}:${e.attr}`) === e);
}

/** Edges of a shortest path from `from` to `to` inside `members` (empty when none). */
/**
 * The way back from `e`'s target to its holder needs another reference made by the same call
 * (plain structure alone does not close it): the callee built the whole cycle.
 */
function closedByCallAlone(graph: readonly (readonly LinkEdge[])[], members: ReadonlySet<number>, e: LinkEdge): boolean {
  if (!e.callSite) return false;
  const sameCall = (x: LinkEdge) => x.callSite?.start === e.callSite!.start && x.callFile === e.callFile;
  const reaches = (follow: (x: LinkEdge) => boolean) => {
    const seen = new Set([e.to]);
    const queue = [e.to];
    for (let i = 0; i < queue.length; i++) {
      for (const x of graph[queue[i]!] ?? []) {
        if (!members.has(x.to) || seen.has(x.to) || !follow(x)) continue;
        if (x.to === e.from) return true;
        seen.add(x.to);
        queue.push(x.to);
      }
    }
    return false;
  };
  return !reaches((x) => STRUCTURAL.has(x.kind)) && reaches((x) => STRUCTURAL.has(x.kind) || sameCall(x));
}

function shortestPath(graph: readonly (readonly LinkEdge[])[], from: number, to: number, members: ReadonlySet<number>): LinkEdge[] {
  const via = new Map<number, LinkEdge | null>([[from, null]]);
  const queue = [from];
  while (queue.length > 0 && !via.has(to)) {
    const cur = queue.shift()!;
    for (const e of graph[cur] ?? []) {
      if (!members.has(e.to) || via.has(e.to)) continue;
      via.set(e.to, e);
      queue.push(e.to);
    }
  }
  const path: LinkEdge[] = [];
  for (let e = via.get(to); e; e = via.get(e.from)) path.unshift(e);
  return path;
}

/** Every reference of the cycle comes from one call: the callee holds the cycle itself and is
 *  reported there. */
function madeByOneCall(edges: readonly LinkEdge[]): boolean {
  const explicit = edges.filter((e) => !STRUCTURAL.has(e.kind));
  if (explicit.length < 2) return false;
  const first = explicit[0]!;
  // Calls nested in one statement share its site (`self.register(Command(self))`): the callee tells them apart.
  return explicit.every((e) => e.kind === 'summary' && e.callSite !== undefined && e.callFile === first.callFile
    && e.callSite.start === first.callSite?.start && e.callTarget === first.callTarget);
}

function isCallableEdge(e: LinkEdge): boolean {
  return CALLABLE.has(e.kind) || (e.kind === 'summary' && e.callable !== undefined);
}

function viaOf(e: LinkEdge, objects: readonly CycleObject[]): SelfReferenceVia {
  if (e.kind === 'summary') return e.callable ?? 'closure';
  // A coroutine or generator holds its receiver and arguments in its frame (`suspendedEdges`).
  if (objects[e.from]?.kind === 'value') return 'coroutine';
  return e.kind === 'bound' ? 'bound-method' : objects[e.from]?.kind === 'closure' ? 'closure' : 'bound-method';
}

/** Breadth-first reach from `start`: object → the edge that first reached it. */
function reach(graph: readonly (readonly LinkEdge[])[], start: number, follow: (e: LinkEdge) => boolean): Map<number, LinkEdge | null> {
  const via = new Map<number, LinkEdge | null>([[start, null]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const e of graph[queue[i]!] ?? []) {
      if (via.has(e.to) || !follow(e)) continue;
      via.set(e.to, e);
      queue.push(e.to);
    }
  }
  return via;
}

function pathTo(via: ReadonlyMap<number, LinkEdge | null>, target: number): LinkEdge[] {
  const path: LinkEdge[] = [];
  for (let e = via.get(target); e; e = via.get(e.from)) path.unshift(e);
  return path;
}

/**
 * A back-reference a constructor or a setter-like method stores (`self.owner = owner`) is reported
 * in that class; anything else a callee does for this caller (a generic `append`) at the call.
 */
function reportSite(e: LinkEdge): { file: string; site: Span; text: string } {
  // A method that stores its argument on an attribute (`def join(self, team): self.team = team`)
  // is setter-like too; one that puts it into a container is not.
  const setterLike = e.attr !== undefined && !e.intoContainer;
  if (e.kind === 'summary' && e.callSite && !e.fromConstructor && !setterLike) {
    return { file: e.callFile ?? e.file, site: e.callSite, text: e.callText ?? e.text };
  }
  return { file: e.file, site: e.site, text: e.text };
}

function forwardText(e: LinkEdge): string {
  return e.callText ?? e.text;
}

/** The cycles of a graph: components of two or more nodes or with a self-edge, in the order Tarjan finishes them. */
export function stronglyConnected(graph: readonly (readonly { to: number }[])[]): number[][] {
  if (oneWay(graph)) return [];
  return cyclicComponents(graph.map((edges) => edges.map((e) => e.to)));
}

/**
 * Every edge goes from a lower to a higher node, or every edge the other way (most functions'
 * graphs: objects hold what was made after them): then there is no cycle to look for.
 */
function oneWay(graph: readonly (readonly { to: number }[])[]): boolean {
  let up = true;
  let down = true;
  for (let from = 0; from < graph.length; from++) {
    for (const e of graph[from]!) {
      if (e.to <= from) up = false;
      if (e.to >= from) down = false;
      if (!up && !down) return false;
    }
  }
  return true;
}

