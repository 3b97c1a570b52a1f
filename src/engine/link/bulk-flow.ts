// Tier 2 for the bulk-transform rules: follow collections across the call graph. Which functions
// return freshly built collections (through forwarders too), whether every caller reads a result
// once, whether a parameter is read once (through the functions it is passed on to), chains of
// transform stages, and the generator rewrite's safety. Pure; computed once per ProjectGraph.
import type {
  BulkCallFact, BulkFunctionFact, BulkParamFact, CallKey, CollectionKind, ProducerFact, TextEdit,
} from '../facts/bulk-types.js';
import { ANY_GLOBAL } from '../facts/bulk-types.js';
import type { CallFact, FileFacts, FunctionFact } from '../facts/types.js';
import type { FunctionRef, ProjectGraph } from './types.js';

/** One call in one file, with its bulk facts when the file recorded them. */
export interface BulkSite {
  readonly file: FileFacts;
  readonly call: CallFact;
  readonly bulk: BulkCallFact | undefined;
}

/** How the results of a function (or one call) are used, followed through the call graph. */
export interface ResultUse {
  readonly singlePass: boolean;
  /** Why not, when not. */
  readonly reason: string | null;
  /** Every reader ignores order and duplicates (`set(...)`, `any(...)`, `x in ...`). */
  readonly orderInsensitive: boolean;
  /** Why a lazy result might behave differently at some call site. */
  readonly hazards: readonly string[];
}

export interface ProducerSummary {
  readonly ref: FunctionRef;
  readonly fact: BulkFunctionFact;
  /** The function's own producer, or the one it forwards (for `forward`). */
  readonly producer: ProducerFact;
  readonly collection: CollectionKind | null;
}

/** A rewrite of one producer into a generator, ready to report. */
export interface GeneratorFix {
  readonly ref: FunctionRef;
  readonly safety: 'safe' | 'unsafe';
  /** Edits in the producer's file, including its import edit (when needed). */
  readonly edits: readonly (TextEdit & { readonly file: string })[];
  /** Why it is unsafe (empty when safe). */
  readonly hazards: readonly string[];
}

export interface ChainStage {
  readonly site: BulkSite;
  readonly target: FunctionRef;
  readonly producer: ProducerFact;
  /** How the stage's input reached it. */
  readonly via: 'direct' | 'rebound' | 'held' | 'none';
}

export interface Chain {
  readonly file: FileFacts;
  /** The call that produced the collection the first stage reads, if it is a call. */
  readonly source: { readonly call: CallFact; readonly target: FunctionRef | undefined } | null;
  readonly stages: readonly ChainStage[];
  /** Full copies of the data alive at once at the peak. */
  readonly peakCopies: number;
}

export interface BulkFlow {
  /** Functions that return a freshly built collection they made themselves (not forwarders). */
  readonly producers: readonly ProducerSummary[];
  producerOf(ref: FunctionRef): ProducerSummary | undefined;
  /** Every call site of a function: resolved calls plus calls through receivers of known class. */
  sitesOf(ref: FunctionRef): readonly BulkSite[];
  /** Why callers outside this run may exist (exported, used as a value, no call site…), or null. */
  unknownConsumers(ref: FunctionRef): string | null;
  /** How all callers use the function's result. */
  resultUse(ref: FunctionRef): ResultUse;
  /** The generator rewrite of a producer, with safety from its call sites; null when none applies. */
  generatorFix(summary: ProducerSummary, unknownConsumersAllowed: boolean): GeneratorFix | null;
  /** Chains of transform stages (each builds a new collection from the previous one's result). */
  chains(): readonly Chain[];
}

const cache = new WeakMap<ProjectGraph, BulkFlow>();

/** The bulk-flow analysis of a project, computed once and shared by PSL101 and PSL102. */
export function bulkFlow(project: ProjectGraph): BulkFlow {
  let flow = cache.get(project);
  if (!flow) {
    flow = new BulkFlowAnalysis(project);
    cache.set(project, flow);
  }
  return flow;
}

/** Decorators that neither register the function nor wrap its result. */
const TRANSPARENT_DECORATORS: ReadonlySet<string> = new Set([
  'builtins.staticmethod', 'builtins.classmethod', 'abc.abstractmethod', 'typing.override',
  'typing_extensions.override', 'typing.final', 'functools.lru_cache', 'functools.cache',
  'cachetools.cached', 'async_lru.alru_cache',
]);

/** Deeper call chains than this are not followed (the answer is then "not known to be single-pass"). */
const MAX_DEPTH = 24;
const SIDE_EFFECT_DEPTH = 4;

const EMPTY_NAMES: ReadonlySet<string> = new Set();

/** Public methods of `str`, `bytes`, `list`, `dict`, `set`, `tuple`, `int`, `float`: not evidence of a project class. */
const BUILTIN_TYPE_METHODS: ReadonlySet<string> = new Set(
  ('add append as_integer_ratio bit_count bit_length capitalize casefold center clear conjugate copy count decode '
    + 'denominator difference difference_update discard encode endswith expandtabs extend find format format_map '
    + 'from_bytes fromhex fromkeys get hex imag index insert intersection intersection_update is_integer isalnum '
    + 'isalpha isascii isdecimal isdigit isdisjoint isidentifier islower isnumeric isprintable isspace issubset '
    + 'issuperset istitle isupper items join keys ljust lower lstrip maketrans numerator partition pop popitem real '
    + 'remove removeprefix removesuffix replace reverse rfind rindex rjust rpartition rsplit rstrip setdefault sort '
    + 'split splitlines startswith strip swapcase symmetric_difference symmetric_difference_update title to_bytes '
    + 'translate union update upper values zfill').split(' '),
);
const NOT_SINGLE = (reason: string): ResultUse => ({ singlePass: false, reason, orderInsensitive: false, hazards: [] });

class BulkFlowAnalysis implements BulkFlow {
  readonly producers: ProducerSummary[] = [];
  private readonly bulkFns = new Map<string, BulkFunctionFact>();
  /** Per file, built on first use: most files are never asked about a call by its key. */
  private readonly callIndexes = new Map<FileFacts, SpanMap<number>>();
  private readonly bulkCallMaps = new Map<FileFacts, SpanMap<BulkCallFact>>();
  /** Per file: the calls whose callee is inferred from the receiver's class (`BulkCallFact.inferredCallee`), by span. */
  private readonly inferredCallees = new Map<FileFacts, SpanMap<BulkCallFact>>();
  /** Call sites by callee, built when first asked for (most functions never are). */
  private readonly sites = new Map<string, BulkSite[]>();
  /** Calls the link step left unresolved whose callee the receiver's class infers, by callee. */
  private readonly inferredSites = new Map<string, { site: BulkSite; index: number }[]>();
  /** Inferred callee name → function (few: calls on receivers of known class). */
  private readonly inferredTargets = new Map<string, FunctionRef | null>();
  private readonly escaped = new Set<string>();
  private readonly exported = new Set<string>();
  private readonly unresolvedMethodNames = new Map<string, number>();
  /** Method names handed on as values on receivers of unknown type (`obj.parse` as a callback). */
  private readonly escapedMethodNames = new Set<string>();
  /** Data attribute names of the project's classes: `obj.x` as a value more likely reads one of them. */
  private readonly dataAttributes = new Set<string>();
  /** Class global id → classes that name it as a base. */
  private subclasses: Map<string, string[]> | undefined;
  private readonly producerMemo = new Map<string, ProducerSummary | null>();
  private readonly resultMemo = new Map<string, ResultUse | 'pending'>();
  private readonly paramMemo = new Map<string, boolean | 'pending'>();
  private readonly sideEffectMemo = new Map<string, string | null | 'pending'>();
  private readonly outerWriteMemo = new Map<string, string | null | 'pending'>();
  private readonly raiserMemo = new Map<string, string | null | 'pending'>();
  private readonly globalsMemo = new Map<string, ReadonlySet<string> | 'pending'>();
  private chainList: Chain[] | undefined;
  private fileOrder: Map<FileFacts, number> | undefined;

  constructor(private readonly project: ProjectGraph) {
    for (const file of project.files.values()) {
      for (const fn of file.bulk.functions) this.bulkFns.set(`${file.module.name}.${fn.id}`, fn);
      let inferred: SpanMap<BulkCallFact> | undefined;
      for (const c of file.bulk.calls) {
        if (c.inferredCallee !== null) (inferred ??= new SpanMap((b) => keyEnd(b.call))).set(keyStart(c.call), keyEnd(c.call), c);
      }
      if (inferred) this.inferredCallees.set(file, inferred);
    }
    this.indexSites();
    this.indexEscapes();
    this.indexExports();
    for (const ref of project.functions.values()) {
      // Most functions build nothing to return: no summary to compute.
      if (!this.bulkFns.get(ref.globalId)?.producer) continue;
      const summary = this.producerOf(ref);
      if (summary && summary.producer.form !== 'forward') this.producers.push(summary);
    }
  }

  // ---- indexes ------------------------------------------------------------------------------

  /** Calls the link step did not resolve: inferred callees, and method names called on unknown receivers. */
  private indexSites(): void {
    for (const file of this.project.files.values()) {
      const resolved = this.project.callTargets(file);
      file.calls.forEach((call, i) => {
        if (resolved[i]) return;
        const target = this.inferredTargetAt(file, i);
        if (!target) {
          // `obj.name(...)` that nothing resolves: some method called `name` may be its target.
          const method = /\.(\w+)$/.exec(call.calleeText)?.[1];
          if (method) this.unresolvedMethodNames.set(method, (this.unresolvedMethodNames.get(method) ?? 0) + 1);
          return;
        }
        let list = this.inferredSites.get(target.globalId);
        if (!list) this.inferredSites.set(target.globalId, (list = []));
        list.push({ site: { file, call, bulk: this.bulkCallsOf(file).get(call.span.start, call.span.end) }, index: i });
      });
    }
  }

  private indexEscapes(): void {
    for (const file of this.project.files.values()) {
      for (const name of file.bulk.dataAttributes) this.dataAttributes.add(name);
      for (const name of file.bulk.escapes) {
        if (name.startsWith('*.')) {
          this.escapedMethodNames.add(name.slice(2));
          continue;
        }
        const at = name.indexOf('@');
        let ref: FunctionRef | undefined;
        if (at >= 0) {
          const fake: CallFact = {
            span: { start: 0, end: 0, startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 },
            calleeText: name.slice(0, at), qualifiedName: name.slice(0, at), enclosingFunctionId: name.slice(at + 1), args: [],
          };
          ref = this.project.resolveCall(file, fake);
        } else {
          ref = this.project.resolveFunction(name);
        }
        if (ref) this.escaped.add(ref.globalId);
      }
    }
  }

  private indexExports(): void {
    for (const file of this.project.files.values()) {
      const all = file.exports;
      if (file.bulk.openExports) {
        // An `__all__` this run cannot read: every public name may be exported.
        for (const fn of file.functions) if (fn.parentFunctionId === null && fn.classId === null && !fn.name.startsWith('_')) this.exported.add(`${file.module.name}.${fn.id}`);
        for (const cls of file.classes) if (cls.parentFunctionId === null && !cls.name.startsWith('_')) this.exported.add(`${file.module.name}.${cls.id}`);
      }
      if (all) {
        for (const name of all) {
          this.exported.add(`${file.module.name}.${name}`);
          const ref = this.project.resolveFunction(`${file.module.name}.${name}`);
          if (ref) this.exported.add(ref.globalId);
        }
      }
      if (file.module.isPackageInit) {
        for (const imp of file.imports) {
          if (imp.scope !== null || imp.localName.startsWith('_')) continue;
          this.exported.add(imp.target);
          const ref = this.project.resolveFunction(imp.target);
          if (ref) this.exported.add(ref.globalId);
          const cls = this.project.resolveClass(imp.target);
          if (cls) this.exported.add(cls.globalId);
        }
        for (const fn of file.functions) if (fn.parentFunctionId === null && fn.classId === null && !fn.name.startsWith('_')) this.exported.add(`${file.module.name}.${fn.id}`);
        for (const cls of file.classes) if (cls.parentFunctionId === null && !cls.name.startsWith('_')) this.exported.add(`${file.module.name}.${cls.id}`);
      }
    }
  }

  /** The index in `file.calls` of the call with this key (the last one, should two share a key). */
  private callIndexOf(file: FileFacts, key: CallKey): number | undefined {
    let map = this.callIndexes.get(file);
    if (!map) {
      const bySpan = new SpanMap<number>((i) => file.calls[i]!.span.end);
      file.calls.forEach((call, i) => bySpan.set(call.span.start, call.span.end, i));
      this.callIndexes.set(file, (map = bySpan));
    }
    return map.getKey(key);
  }

  private callFact(file: FileFacts, key: CallKey): CallFact | undefined {
    const i = this.callIndexOf(file, key);
    return i === undefined ? undefined : file.calls[i];
  }

  private bulkCallsOf(file: FileFacts): SpanMap<BulkCallFact> {
    let map = this.bulkCallMaps.get(file);
    if (!map) {
      const bySpan = new SpanMap<BulkCallFact>((c) => keyEnd(c.call));
      for (const c of file.bulk.calls) bySpan.set(keyStart(c.call), keyEnd(c.call), c);
      this.bulkCallMaps.set(file, (map = bySpan));
    }
    return map;
  }

  private targetOf(file: FileFacts, key: CallKey): FunctionRef | undefined {
    const i = this.callIndexOf(file, key);
    if (i !== undefined) return this.targetAt(file, i);
    const inferred = this.bulkCallsOf(file).getKey(key)?.inferredCallee;
    return inferred ? this.resolveInferred(inferred) : undefined;
  }

  /** What the link step resolved `file.calls[i]` to, or else the function its receiver's class infers. */
  private targetAt(file: FileFacts, i: number): FunctionRef | undefined {
    return this.project.callTargets(file)[i] ?? this.inferredTargetAt(file, i);
  }

  /** The function the receiver's class infers `file.calls[i]` calls. */
  private inferredTargetAt(file: FileFacts, i: number): FunctionRef | undefined {
    const { span } = file.calls[i]!;
    // One bulk fact per call (each call is in one body): the one with an inferred callee, if any.
    const inferred = this.inferredCallees.get(file)?.get(span.start, span.end)?.inferredCallee;
    return inferred ? this.resolveInferred(inferred) : undefined;
  }

  /**
   * `Graph(parse(lines))`: the `__init__` (own or inherited) of a project class the call
   * instantiates, which receives the argument. Not for `Outer.Inner(...)`, where the shift of
   * `self` would be misjudged.
   */
  private constructorOf(file: FileFacts, key: CallKey): FunctionRef | undefined {
    const call = this.callFact(file, key);
    if (!call?.qualifiedName || !this.project.resolveClass(call.qualifiedName)) return undefined;
    const receiver = call.calleeText.split('.').slice(-2, -1)[0];
    if (receiver && /^[A-Z]/.test(receiver)) return undefined;
    const init = this.project.resolveFunction(`${call.qualifiedName}.__init__`);
    return init && init.fn.name === '__init__' ? init : undefined;
  }

  private resolveInferred(name: string): FunctionRef | undefined {
    let target = this.inferredTargets.get(name);
    if (target === undefined) {
      target = this.project.resolveFunction(name) ?? null;
      // `world = build_world(); world.query(...)`: the receiver came from a project function, not a
      // class; its `-> World` annotation names the class the method belongs to.
      const dot = name.lastIndexOf('.');
      const factory = target === null && dot > 0 ? this.project.resolveFunction(name.slice(0, dot)) : undefined;
      const cls = factory ? this.bulkFns.get(factory.globalId)?.returnsClass : null;
      if (cls) target = this.project.resolveFunction(`${cls}.${name.slice(dot + 1)}`) ?? null;
      this.inferredTargets.set(name, target);
    }
    return target ?? undefined;
  }

  /** The resolved and the inferred call sites of `ref`, in file and call order. */
  sitesOf(ref: FunctionRef): readonly BulkSite[] {
    let list = this.sites.get(ref.globalId);
    if (list) return list;
    const resolved = (this.project.callsTo.get(ref.globalId) ?? [])
      .map(({ file, call }) => ({ file, call, bulk: this.bulkCallsOf(file).get(call.span.start, call.span.end) }));
    const inferred = this.inferredSites.get(ref.globalId);
    list = inferred ? this.inCallOrder(resolved, inferred) : resolved;
    this.sites.set(ref.globalId, list);
    return list;
  }

  /** Merge two lists of sites, each in file and call order, into one (rare: a function called both ways). */
  private inCallOrder(resolved: readonly BulkSite[], inferred: readonly { site: BulkSite; index: number }[]): BulkSite[] {
    if (!this.fileOrder) this.fileOrder = new Map([...this.project.files.values()].map((f, i) => [f, i]));
    const order = this.fileOrder;
    const merged: BulkSite[] = [];
    let j = 0;
    for (const site of resolved) {
      const file = order.get(site.file)!;
      const index = site.file.calls.indexOf(site.call);
      for (; j < inferred.length; j++) {
        const other = inferred[j]!;
        const otherFile = order.get(other.site.file)!;
        if (otherFile > file || (otherFile === file && other.index > index)) break;
        merged.push(other.site);
      }
      merged.push(site);
    }
    for (; j < inferred.length; j++) merged.push(inferred[j]!.site);
    return merged;
  }

  // ---- unknown consumers --------------------------------------------------------------------

  unknownConsumers(ref: FunctionRef): string | null {
    const { fn, file } = ref;
    if (this.escaped.has(ref.globalId)) return 'it is used as a value (a callback or a registry entry)';
    if (fn.parentFunctionId === null && fn.classId === null && this.exported.has(ref.globalId)) return 'it is exported';
    if (fn.classId !== null) {
      const cls = this.project.classes.get(`${file.module.name}.${fn.classId}`);
      if (!fn.name.startsWith('_') && cls && this.exported.has(cls.globalId)) return 'its class is exported';
      if (/^__.*__$/.test(fn.name)) return 'Python calls it implicitly';
      if (fn.kind === 'property') return 'it is a property';
      if ((this.unresolvedMethodNames.get(fn.name) ?? 0) > 0) return `\`.${fn.name}()\` is also called on objects of unknown type`;
      // `Event(e.stream, …)` where a class of the project has a `stream` field: data, not this method.
      if (this.escapedMethodNames.has(fn.name) && !this.dataAttributes.has(fn.name)) return `\`.${fn.name}\` is also handed on as a value from objects of unknown type`;
      if (this.overridden(ref)) return 'it overrides or is overridden by another method';
    }
    for (const d of fn.decorators) {
      if (d.qualifiedName !== null && TRANSPARENT_DECORATORS.has(d.qualifiedName)) continue;
      // A project decorator that returns a wrapper it defines passes calls (and results) through;
      // one that returns the function itself registers it somewhere.
      const decorator = !d.isCall && d.qualifiedName ? this.project.resolveFunction(d.qualifiedName) : undefined;
      if (decorator && this.bulkFns.get(decorator.globalId)?.returnsNestedFunction) continue;
      return `it is decorated by \`@${d.text.replace(/\(.*$/s, '')}\``;
    }
    if (this.sitesOf(ref).length === 0) return 'it has no call site in the project';
    return null;
  }

  /** A method with the same name in a base class or a subclass: calls may dispatch either way. */
  private overridden(ref: FunctionRef): boolean {
    const { fn, file } = ref;
    const cls = this.project.classes.get(`${file.module.name}.${fn.classId}`);
    if (!cls) return false;
    for (const base of cls.cls.bases) {
      const baseRef = base.qualifiedName ? this.project.resolveClass(base.qualifiedName) : undefined;
      if (baseRef && this.project.findMethod(baseRef, fn.name)) return true;
    }
    if (!this.subclasses) {
      this.subclasses = new Map();
      for (const other of this.project.classes.values()) {
        for (const base of other.cls.bases) {
          const baseRef = base.qualifiedName ? this.project.resolveClass(base.qualifiedName) : undefined;
          if (!baseRef) continue;
          const list = this.subclasses.get(baseRef.globalId) ?? [];
          list.push(other.globalId);
          this.subclasses.set(baseRef.globalId, list);
        }
      }
    }
    // Subclasses at any depth.
    const pending = [...(this.subclasses.get(cls.globalId) ?? [])];
    const seen = new Set<string>();
    while (pending.length > 0) {
      const sub = pending.pop()!;
      if (seen.has(sub)) continue;
      seen.add(sub);
      if (this.project.functions.has(`${sub}.${fn.name}`)) return true;
      pending.push(...(this.subclasses.get(sub) ?? []));
    }
    return false;
  }

  // ---- producers ----------------------------------------------------------------------------

  producerOf(ref: FunctionRef): ProducerSummary | undefined {
    return this.producerAt(ref, 0) ?? undefined;
  }

  private producerAt(ref: FunctionRef, depth: number): ProducerSummary | null {
    const memo = this.producerMemo.get(ref.globalId);
    if (memo !== undefined) return memo;
    if (depth > MAX_DEPTH || ref.fn.isGenerator) return null;
    this.producerMemo.set(ref.globalId, null);
    const fact = this.bulkFns.get(ref.globalId);
    const producer = fact?.producer;
    let summary: ProducerSummary | null = null;
    if (fact && producer) {
      if (producer.form !== 'forward') {
        summary = { ref, fact, producer, collection: producer.collection };
      } else {
        // A forwarder produces what every function it returns from produces.
        const inner = producer.forwardCalls.map((key) => {
          const target = this.targetOf(ref.file, key);
          return target ? this.producerAt(target, depth + 1) : null;
        });
        if (inner.length > 0 && inner.every((s) => s !== null)) {
          summary = { ref, fact, producer, collection: inner[0]!.collection };
        }
      }
    }
    this.producerMemo.set(ref.globalId, summary);
    return summary;
  }

  // ---- result uses --------------------------------------------------------------------------

  resultUse(ref: FunctionRef): ResultUse {
    return this.resultUseAt(ref, 0);
  }

  private resultUseAt(ref: FunctionRef, depth: number): ResultUse {
    const memo = this.resultMemo.get(ref.globalId);
    if (memo === 'pending') return NOT_SINGLE('recursive');
    if (memo) return memo;
    if (depth > MAX_DEPTH) return NOT_SINGLE('too deep');
    this.resultMemo.set(ref.globalId, 'pending');
    const sites = this.sitesOf(ref);
    let result: ResultUse;
    if (sites.length === 0) {
      result = NOT_SINGLE('no call site');
    } else {
      let orderInsensitive = true;
      const hazards = new Set<string>();
      result = { singlePass: true, reason: null, orderInsensitive: true, hazards: [] };
      for (const site of sites) {
        const use = this.siteUseAt(site, ref, depth + 1);
        if (!use.singlePass) {
          result = use;
          break;
        }
        orderInsensitive &&= use.orderInsensitive;
        for (const h of use.hazards) hazards.add(h);
      }
      if (result.singlePass) result = { singlePass: true, reason: null, orderInsensitive, hazards: [...hazards] };
    }
    this.resultMemo.set(ref.globalId, result);
    return result;
  }

  /** How one call site of `producer` uses the result. */
  private siteUseAt(site: BulkSite, producer: FunctionRef, depth: number): ResultUse {
    const bulk = site.bulk;
    const where = `${site.file.module.path}:${site.call.span.startLine}`;
    if (!bulk) return NOT_SINGLE(`${where}: the result is used in a way that is not followed`);
    const use = bulk.use;
    switch (use.kind) {
      case 'single':
        return { singlePass: true, reason: null, orderInsensitive: use.orderInsensitive, hazards: this.siteHazardsOf(site, producer, where) };
      case 'other':
        return NOT_SINGLE(`${where}: ${use.reason}`);
      case 'passed': {
        const target = this.targetOf(site.file, use.call) ?? this.constructorOf(site.file, use.call);
        if (!target) return NOT_SINGLE(`${where}: passed to a function outside the project`);
        const param = this.paramFor(target, site.file, use.call, use.index, use.keyword);
        if (!param) return NOT_SINGLE(`${where}: passed to \`${target.fn.name}\` in an unknown position`);
        if (!this.paramSinglePass(target, param, depth + 1)) return NOT_SINGLE(`${where}: \`${target.fn.name}\` does not read \`${param.name}\` once`);
        return { singlePass: true, reason: null, orderInsensitive: false, hazards: this.siteHazardsOf(site, producer, where) };
      }
      case 'returned': {
        const enclosing = bulk.enclosingFunctionId === null ? undefined : this.project.functions.get(`${site.file.module.name}.${bulk.enclosingFunctionId}`);
        if (!enclosing) return NOT_SINGLE(`${where}: returned`);
        const unknown = this.unknownConsumers(enclosing);
        if (unknown) return NOT_SINGLE(`${where}: returned by \`${enclosing.fn.name}\`, and ${unknown}`);
        const outer = this.resultUseAt(enclosing, depth + 1);
        return outer.singlePass
          ? { ...outer, hazards: [...this.siteHazardsOf(site, producer, where), ...outer.hazards] }
          : outer;
      }
    }
  }

  /**
   * The site's own hazards, plus calls on the call's inputs (before the read or while the result
   * is iterated) that reach a project function writing to what it is given: `world.despawn(eid)`
   * in a loop over `world.query(...)` would change the dict a lazy `query` is still iterating.
   */
  private siteHazardsOf(site: BulkSite, producer: FunctionRef, where: string): string[] {
    const bulk = site.bulk!;
    const hazards = bulk.siteHazards.map((h) => `${where}: ${h}`);
    for (const key of bulk.touchingCalls) {
      const target = this.targetOf(site.file, key);
      const write = target ? this.outerWriteOf(target) : this.unresolvedMethodEffect(site.file, key, (m) => this.outerWriteOf(m));
      if (write) {
        hazards.push(`${where}: ${write} while the result is still to be read`);
        break;
      }
    }
    // `for name, qty in parse(lines): print(...)` in `report(lines)`, and `main` calls `report`
    // inside `try: … except ValueError:`: lazily a bad line would reach the handler after the loop
    // printed the lines before it, instead of before the loop starts.
    if (bulk.readsPerItem && bulk.enclosingFunctionId !== null) {
      const enclosing = this.project.functions.get(`${site.file.module.name}.${bulk.enclosingFunctionId}`);
      const caller = enclosing ? this.calledInCatchingTry(enclosing, 0, new Set()) : null;
      if (caller) hazards.push(`${where}: the loop over the result acts on each item, and \`${caller}\` is called inside a \`try\` that catches errors: lazily, errors of the producer would come after the loop has acted on the items before them`);
    }
    // Module-level state the producer reads, changed by the caller while it reads the result.
    let reads = this.globalsOf(producer, 'globalReads', 0);
    if (bulk.inputGlobals.length > 0) reads = new Set([...reads, ...bulk.inputGlobals]);
    if (reads.size > 0) {
      let changed = bulk.rangeGlobalWrites.includes(ANY_GLOBAL) ? [...reads][0] : bulk.rangeGlobalWrites.find((n) => reads.has(n));
      for (const key of bulk.rangeCalls) {
        if (changed) break;
        const target = this.targetOf(site.file, key) ?? this.constructorOf(site.file, key);
        if (!target || target === producer) continue;
        for (const n of this.globalsOf(target, 'globalWrites', 0)) if (reads.has(n)) changed = n;
      }
      if (changed) hazards.push(`${where}: \`${changed.slice(changed.lastIndexOf('.') + 1)}\`, which \`${producer.fn.name}\` reads, is changed while the result is still to be read`);
    }
    return hazards;
  }

  /** The name of `ref` or of a function that calls it (a few levels up) when one of those calls sits in a catching `try`. */
  private calledInCatchingTry(ref: FunctionRef, depth: number, seen: Set<string>): string | null {
    if (seen.has(ref.globalId)) return null;
    seen.add(ref.globalId);
    for (const site of this.sitesOf(ref)) {
      if (site.bulk?.inCatchingTry) return ref.fn.name;
      const id = site.bulk?.enclosingFunctionId ?? site.call.enclosingFunctionId;
      const outer = depth < 2 && id ? this.project.functions.get(`${site.file.module.name}.${id}`) : undefined;
      const found = outer ? this.calledInCatchingTry(outer, depth + 1, seen) : null;
      if (found) return found;
    }
    return null;
  }

  /**
   * For `obj.name(...)` that nothing resolves (`obj` a parameter of unknown class; with `roots`,
   * only when `obj` is rooted at one of them): what `effect` tells of the first method of the
   * project called `name`, or null. Any of them may be the one called — also one of a class from a
   * module the caller does not import (the object may come from a factory elsewhere).
   */
  private unresolvedMethodEffect(file: FileFacts, key: CallKey, effect: (ref: FunctionRef) => string | null, roots?: ReadonlySet<string>): string | null {
    const call = this.callFact(file, key);
    const parts = call ? call.calleeText.split('.') : [];
    if (!call || parts.length < 2 || (roots && !roots.has(parts[0]!))) return null;
    // Resolved to something outside the project (`json.dumps`, `os.path.join`): not a project method.
    if (call.qualifiedName !== null && !/^(self|cls)\./.test(call.qualifiedName)) return null;
    const name = parts[parts.length - 1]!;
    // `s.find(';')`, `row.get(k)`: most likely a string's or a dict's own method.
    if (BUILTIN_TYPE_METHODS.has(name)) return null;
    for (const method of this.project.methodsNamed(name)) {
      const found = effect(method);
      if (found) return found;
    }
    return null;
  }

  /** Module-level names `ref` or the project functions it calls (a few levels deep) read or change. */
  private globalsOf(ref: FunctionRef, which: 'globalReads' | 'globalWrites', depth: number): ReadonlySet<string> {
    const memoKey = `${which}\u0000${ref.globalId}`;
    const memo = this.globalsMemo.get(memoKey);
    if (memo === 'pending') return EMPTY_NAMES;
    if (memo) return memo;
    const fact = this.bulkFns.get(ref.globalId);
    if (!fact) return EMPTY_NAMES;
    this.globalsMemo.set(memoKey, 'pending');
    const names = new Set(fact[which]);
    if (depth < SIDE_EFFECT_DEPTH) {
      for (const key of fact.calls) {
        // `Ticket(owner)` runs `Ticket.__init__`, which may count instances in `Ticket.seq`.
        const target = this.targetOf(ref.file, key) ?? this.constructorOf(ref.file, key);
        if (target && target !== ref) for (const n of this.globalsOf(target, which, depth + 1)) names.add(n);
      }
    }
    this.globalsMemo.set(memoKey, names);
    return names;
  }

  /** The parameter an argument lands in. */
  private paramFor(target: FunctionRef, file: FileFacts, key: CallKey, index: number, keyword: string | null): BulkParamFact | undefined {
    const fact = this.bulkFns.get(target.globalId);
    if (!fact) return undefined;
    if (keyword !== null) return fact.params.find((p) => p.name === keyword);
    const call = this.callFact(file, key);
    const shift = boundShift(target.fn, call);
    const param = fact.params[index + shift];
    const spec = target.fn.params[index + shift];
    return spec && spec.kind === 'positional' ? param : undefined;
  }

  private paramSinglePass(target: FunctionRef, param: BulkParamFact, depth: number): boolean {
    const key = `${target.globalId}\u0000${param.name}`;
    const memo = this.paramMemo.get(key);
    if (memo === 'pending') return false;
    if (memo !== undefined) return memo;
    if (depth > MAX_DEPTH) return false;
    this.paramMemo.set(key, 'pending');
    let result = false;
    const use = param.use;
    if (use.kind === 'single') {
      result = true;
    } else if (use.kind === 'passed') {
      const next = this.targetOf(target.file, use.call);
      const nextParam = next ? this.paramFor(next, target.file, use.call, use.index, use.keyword) : undefined;
      result = !!next && !!nextParam && this.paramSinglePass(next, nextParam, depth + 1);
    }
    this.paramMemo.set(key, result);
    return result;
  }

  // ---- side effects through the call graph --------------------------------------------------

  /** A side effect of `ref` or of a project function it calls (a few levels deep), or null. */
  private sideEffectOf(ref: FunctionRef): string | null {
    return this.throughCalls(ref, this.sideEffectMemo, (fact, fn) => (fact.sideEffect ? `\`${fn.fn.name}\` ${fact.sideEffect.replace(/^it /, '')}` : null));
  }

  /** A write to its inputs or globals by `ref` or a project function it calls (a few levels deep), or null. */
  private outerWriteOf(ref: FunctionRef): string | null {
    return this.throughCalls(ref, this.outerWriteMemo, (fact, fn) => (fact.outerWrite ? `\`${fn.fn.name}\` ${fact.outerWrite}` : null));
  }

  /** The name of `ref` or of a project function it calls (a few levels deep) that has a `raise`, or null. */
  private raiserOf(ref: FunctionRef): string | null {
    return this.throughCalls(ref, this.raiserMemo, (fact, fn) => (fact.raises ? fn.fn.name : null));
  }

  /**
   * What `own` tells of `ref`, or else of the first project function it calls (a few levels deep)
   * it tells something of: memoized per question in `memo` (a call cycle answers null).
   */
  private throughCalls(
    ref: FunctionRef,
    memo: Map<string, string | null | 'pending'>,
    own: (fact: BulkFunctionFact, ref: FunctionRef) => string | null,
    depth = 0,
  ): string | null {
    const known = memo.get(ref.globalId);
    if (known === 'pending') return null;
    if (known !== undefined) return known;
    const fact = this.bulkFns.get(ref.globalId);
    if (!fact) return null;
    memo.set(ref.globalId, 'pending');
    let found = own(fact, ref);
    if (!found && depth < SIDE_EFFECT_DEPTH) {
      for (const key of fact.calls) {
        const target = this.targetOf(ref.file, key);
        if (!target || target === ref) continue;
        found = this.throughCalls(target, memo, own, depth + 1);
        if (found) break;
      }
    }
    memo.set(ref.globalId, found);
    return found;
  }

  // ---- the generator rewrite ----------------------------------------------------------------

  generatorFix(summary: ProducerSummary, unknownConsumersAllowed: boolean): GeneratorFix | null {
    const conversion = summary.producer.conversion;
    if (!conversion) return null;
    const ref = summary.ref;
    const hazards = [...conversion.hazards];
    const unknown = this.unknownConsumers(ref);
    if (unknown) {
      if (!unknownConsumersAllowed) return null;
      if (this.sitesOf(ref).length > 0 && !this.resultUse(ref).singlePass) return null;
      hazards.push(`callers are unknown: ${unknown}`);
    } else {
      const use = this.resultUse(ref);
      if (!use.singlePass) return null;
      hazards.push(...use.hazards);
      if (summary.collection === 'set' && !use.orderInsensitive) {
        hazards.push('a set drops duplicates and has its own order; a generator would not');
      }
    }
    const params = new Set(this.bulkFns.get(ref.globalId)?.params.map((p) => p.name));
    for (const key of conversion.deferredCalls) {
      const target = this.targetOf(ref.file, key);
      if (target === ref) continue;
      // `bucket.take()` on a parameter of unknown class: a project method of that name that
      // changes its object (or prints…) would now run while the caller iterates.
      const effect = target ? this.sideEffectOf(target)
        : this.unresolvedMethodEffect(ref.file, key, (m) => this.sideEffectOf(m), params);
      if (effect) {
        hazards.push(`${effect}, which would happen while the caller iterates`);
        break;
      }
    }
    // A helper that raises (`validate(row)`) moves the error to the middle of the caller's loop,
    // after it has acted on the items before the bad one: as with a `raise` in the body itself.
    for (const key of conversion.deferredCalls) {
      const target = this.targetOf(ref.file, key);
      const raiser = target && target !== ref ? this.raiserOf(target) : null;
      if (raiser) {
        hazards.push(`\`${raiser}\` raises exceptions, which would surface only while the caller iterates`);
        break;
      }
    }
    const file = ref.file.module.path;
    const edits = [...conversion.edits, ...(conversion.importEdit ? [conversion.importEdit] : [])].map((e) => ({ ...e, file }));
    return { ref, safety: hazards.length === 0 ? 'safe' : 'unsafe', edits, hazards };
  }

  // ---- chains -------------------------------------------------------------------------------

  chains(): readonly Chain[] {
    if (!this.chainList) this.chainList = this.findChains();
    return this.chainList;
  }

  private findChains(): Chain[] {
    const chains: Chain[] = [];
    // Functions a stage call can reach (see `stageAt`): few.
    const stageTargets = new Set<string>();
    for (const summary of this.producers) if (summary.producer.sourceParams.length > 0) stageTargets.add(summary.ref.globalId);
    for (const file of this.project.files.values()) {
      const flows = file.bulk.flows;
      if (flows.length === 0) continue;
      // Where a stage call may start: calls resolved to a stage function, or inferred to call one.
      // Only those are looked up by key (most calls of most files are not).
      const stageStarts = new Set<number>();
      const resolved = this.project.callTargets(file);
      file.calls.forEach((call, i) => {
        if (stageTargets.has(resolved[i]?.globalId ?? '')) stageStarts.add(call.span.start);
      });
      for (const c of file.bulk.calls) {
        if (c.inferredCallee !== null && stageTargets.has(this.resolveInferred(c.inferredCallee)?.globalId ?? '')) stageStarts.add(keyStart(c.call));
      }
      if (stageStarts.size === 0) continue;
      const stageAt = (key: CallKey) => (stageStarts.has(keyStart(key)) ? this.stageAt(file, key) : null);
      // Stage calls: a flow into a parameter the callee builds its result from.
      const stageInput = new Map<CallKey, { from: CallKey; via: ChainStage['via'] }>();
      const stageInfo = new Map<CallKey, { target: FunctionRef; producer: ProducerFact }>();
      for (const flow of flows) {
        const info = stageAt(flow.to);
        if (!info) continue;
        const param = this.paramFor(info.target, file, flow.to, flow.index, flow.keyword);
        if (!param || !info.producer.sourceParams.includes(param.name) || param.randomAccess) continue;
        if (!stageInput.has(flow.to)) stageInput.set(flow.to, { from: flow.from, via: flow.via });
        stageInfo.set(flow.to, info);
      }
      // Stages fed by a stage parameter of the enclosing function or a non-call value still count.
      for (const bulk of file.bulk.calls) {
        if (stageInfo.has(bulk.call)) continue;
        const info = stageAt(bulk.call);
        if (info && this.firstArgIsSource(file, bulk.call, info)) stageInfo.set(bulk.call, info);
      }
      const next = new Map<CallKey, CallKey[]>();
      for (const [to, input] of stageInput) {
        if (!stageInfo.has(input.from)) continue;
        const list = next.get(input.from) ?? [];
        list.push(to);
        next.set(input.from, list);
      }
      // A result that feeds two or more stages is a fan-out: it has to stay whole for all of them,
      // so streaming cannot remove it. Each branch is judged on its own, from that stage on.
      const fannedOut = new Set<CallKey>();
      for (const [from, outs] of next) {
        if (outs.length < 2) continue;
        next.delete(from);
        for (const o of outs) fannedOut.add(o);
      }
      const memo = new Map<CallKey, { length: number; to: CallKey | null }>();
      for (const [key, info] of stageInfo) {
        const input = stageInput.get(key);
        if (input && stageInfo.has(input.from) && !fannedOut.has(key)) continue; // not a head
        const path = this.longestPath(key, next, memo);
        const stages: ChainStage[] = path.map((k, i) => {
          const si = i === 0 ? info : stageInfo.get(k)!;
          return {
            site: { file, call: this.callFact(file, k)!, bulk: this.bulkCallsOf(file).getKey(k) },
            target: si.target, producer: si.producer,
            via: stageInput.get(k)?.via ?? 'none',
          };
        });
        if (stages.some((s) => !s.site.call)) continue;
        const sourceCall = input && !fannedOut.has(key) ? this.callFact(file, input.from) : undefined;
        chains.push({
          file,
          source: sourceCall ? { call: sourceCall, target: this.targetOf(file, input!.from) } : null,
          stages,
          peakCopies: peakCopies(stages),
        });
      }
    }
    return chains;
  }

  private stageAt(file: FileFacts, key: CallKey): { target: FunctionRef; producer: ProducerFact } | null {
    const target = this.targetOf(file, key);
    if (!target) return null;
    const summary = this.producerOf(target);
    if (!summary || summary.producer.form === 'forward' || summary.producer.sourceParams.length === 0) return null;
    return { target, producer: summary.producer };
  }

  /** A stage call whose source-parameter argument is present (not a default). */
  private firstArgIsSource(file: FileFacts, key: CallKey, info: { target: FunctionRef; producer: ProducerFact }): boolean {
    const call = this.callFact(file, key);
    if (!call) return false;
    let position = 0;
    for (const arg of call.args) {
      if (arg.kind === 'splat') return false;
      const param = this.paramFor(info.target, file, key, arg.keyword === null ? position : -1, arg.keyword);
      if (arg.keyword === null) position++;
      if (param && info.producer.sourceParams.includes(param.name) && !param.randomAccess) return true;
    }
    return false;
  }

  private longestPath(start: CallKey, next: ReadonlyMap<CallKey, CallKey[]>, memo: Map<CallKey, { length: number; to: CallKey | null }>): CallKey[] {
    // Longest path in a DAG (flows only go forward in the text), memoized, with an explicit stack.
    const stack: { key: CallKey; expanded: boolean }[] = [{ key: start, expanded: false }];
    const onStack = new Set<CallKey>();
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (memo.has(top.key)) {
        stack.pop();
        continue;
      }
      const outs = next.get(top.key) ?? [];
      if (!top.expanded) {
        top.expanded = true;
        onStack.add(top.key);
        for (const o of outs) if (!memo.has(o) && !onStack.has(o)) stack.push({ key: o, expanded: false });
        continue;
      }
      let best: { length: number; to: CallKey | null } = { length: 1, to: null };
      for (const o of outs) {
        const sub = memo.get(o);
        if (sub && sub.length + 1 > best.length) best = { length: sub.length + 1, to: o };
      }
      memo.set(top.key, best);
      onStack.delete(top.key);
      stack.pop();
    }
    const path: CallKey[] = [];
    for (let k: CallKey | null = start; k !== null && path.length < 10_000; k = memo.get(k)?.to ?? null) path.push(k);
    return path;
  }

}

/** A list or set built by the function itself, that a generator could hand out instead. */
export function isStreamable(summary: ProducerSummary): boolean {
  const { producer } = summary;
  if (producer.form === 'forward') return false;
  if (summary.collection !== 'list' && summary.collection !== 'set') return false;
  return producer.blockerKind !== 'shape';
}

/** Positional arguments skip `self`/`cls` when a method is called on an instance or class. */
function boundShift(fn: FunctionFact, call: CallFact | undefined): number {
  if (fn.kind === 'staticmethod' || fn.kind === 'function') return 0;
  if (fn.kind === 'classmethod') return 1;
  // `Class.method(obj, ...)`: an unbound call passes self explicitly.
  const receiver = call?.calleeText.split('.').slice(-2, -1)[0];
  if (receiver && call && call.qualifiedName && !/^(self|cls)\./.test(call.qualifiedName) && /^[A-Z]/.test(receiver)) return 0;
  return 1;
}

/**
 * Full copies alive at the peak: while a stage runs, its input and its output both live, plus
 * every earlier result a local still holds.
 */
function peakCopies(stages: readonly ChainStage[]): number {
  let held = 0;
  let peak = 0;
  for (const stage of stages) {
    // Input (the previous result) + output being built + results locals still hold.
    peak = Math.max(peak, 2 + held);
    // A local (or the caller's parameter) keeps the input alive after the stage returns.
    if (stage.via === 'held' || stage.via === 'none') held++;
  }
  return peak;
}

/**
 * Values by call span, for the `${start}:${end}` keys (`CallKey`) the facts use: looked up
 * without building a key string per call. Spans that share a start (`f(x)(y)`) fall back to
 * the string key.
 */
class SpanMap<T> {
  private readonly byStart = new Map<number, T>();
  private readonly shared = new Map<CallKey, T>();
  /** Starts of more than one span: their values are in `shared`. */
  private readonly sharedStarts = new Set<number>();

  /** `endOf`: the end of the span a value belongs to. */
  constructor(private readonly endOf: (value: T) => number) {}

  set(start: number, end: number, value: T): void {
    if (this.sharedStarts.has(start)) {
      this.shared.set(`${start}:${end}`, value);
      return;
    }
    const known = this.byStart.get(start);
    if (known === undefined || this.endOf(known) === end) {
      this.byStart.set(start, value);
      return;
    }
    this.sharedStarts.add(start);
    this.byStart.delete(start);
    this.shared.set(`${start}:${this.endOf(known)}`, known);
    this.shared.set(`${start}:${end}`, value);
  }

  get(start: number, end: number): T | undefined {
    if (this.sharedStarts.has(start)) return this.shared.get(`${start}:${end}`);
    const known = this.byStart.get(start);
    return known !== undefined && this.endOf(known) === end ? known : undefined;
  }

  getKey(key: CallKey): T | undefined {
    const start = keyStart(key);
    if (this.sharedStarts.has(start)) return this.shared.get(key);
    const known = this.byStart.get(start);
    return known !== undefined && this.endOf(known) === keyEnd(key) ? known : undefined;
  }
}

/** The start offset of a `${start}:${end}` call key (read in place: no substring). */
function keyStart(key: CallKey): number {
  let n = 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 58 /* : */) break;
    n = n * 10 + (c - 48);
  }
  return n;
}

/** The end offset of a `${start}:${end}` call key. */
function keyEnd(key: CallKey): number {
  let n = 0;
  for (let i = key.indexOf(':') + 1; i < key.length; i++) n = n * 10 + (key.charCodeAt(i) - 48);
  return n;
}
