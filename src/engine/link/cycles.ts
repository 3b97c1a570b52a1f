// Tier 2 for the reference-cycle rules (PSL301–PSL303): turn each function's holds-graph into a
// whole-project one (constructor and method summaries, bound methods, attribute strength from the
// classes), then find the strongly connected parts — the reference cycles. Computed once per
// ProjectGraph and shared by the three rules.
import type { ClassAttrFact, CycleEdgeKind, CycleObject, FunctionCycleFacts } from '../facts/cycle-types.js';
import { WEAK_CONTAINERS } from '../facts/cycles.js';
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
  /** Classes whose own methods build the cycle on `self`: their subclasses' instances are in it too. */
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
}

/** Methods that put their arguments into the receiver (containers, registries, event sources). */
const CONTAINER_METHODS: Readonly<Record<string, 'all' | 'last'>> = {
  append: 'all', appendleft: 'all', add: 'all', extend: 'all', update: 'all', push: 'all',
  insert: 'last', setdefault: 'last', __setitem__: 'last',
};

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
  'set_handler', 'set_command', 'trace_add', 'trace_variable', 'trace', 'configure', 'config', 'add_command',
  'add_checkbutton', 'add_radiobutton', 'protocol', 'add_reader', 'add_writer', 'add_signal_handler',
  'listen', 'attach', 'add_child', 'append_child', 'appendchild', 'addchild', 'add_widget', 'set_parent',
  'addcallback', 'adddonecallback', 'addhandler', 'on_event', 'on_click', 'on_change', 'set_hook', 'add_hook',
]);

/**
 * Attribute names that conventionally point back at an owner or predecessor: strong words as any
 * part of the name (`_parent`, `owner_ref`), generic ones only as the whole name (`self.loop`,
 * `node.list`, not `self.option_list`).
 */
const BACK_REFERENCE_WORDS = /(^|_)(parent|parents|owner|prev|previous|predecessor|master|container|enclosing|outer|holder|backref)($|_)|^_*(loop|manager|document|tree|graph|list|pool|registry|scene|board|game|up|back|parentnode|ownerdocument|parentelement|ownerelement)$/i;

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
  /** Summary edges that run through a callable in the callee. */
  readonly callable?: SelfReferenceVia;
  /** Summary edges: the callee's global id. */
  readonly callTarget?: string;
  /** Implicit `self → self.attr` edges: the store that made the attribute. */
  readonly storedFile?: string;
  readonly storedSite?: Span;
  readonly storedText?: string;
}

/** After a call, argument `holder` (or, for RETURNED, the result) holds argument `held`. */
interface SummaryEdge {
  readonly holder: number;
  readonly held: number;
  readonly file: string;
  readonly site: Span;
  readonly text: string;
  readonly attr?: string;
  /** The holder reaches the held object only through a bound method or closure. */
  readonly callable?: SelfReferenceVia;
  /** The store is a constructor's (`self.owner = owner` in `__init__`), however it got here. */
  readonly fromConstructor?: boolean;
}

interface Application {
  readonly target: FunctionRef;
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
  private readonly classAttrs = new Map<string, ReadonlyMap<string, ClassAttrFact>>();
  private readonly initFields = new Map<string, readonly string[] | null>();
  private readonly attrKindCache = new Map<string, AttrKind>();
  private readonly unresolvedBases = new Map<string, boolean>();
  private readonly fieldsCache = new Map<string, readonly DataclassField[]>();
  private readonly prepared = new Map<FunctionEntry, Prepared>();
  private readonly classCache = new Map<string, ClassRef | null>();
  private readonly functionCache = new Map<string, FunctionRef | null>();
  private readonly methodCache = new Map<string, FunctionRef | null>();

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

  private findMethod(cls: ClassRef, name: string): FunctionRef | undefined {
    const key = `${cls.globalId}#${name}`;
    let found = this.methodCache.get(key);
    if (found === undefined) this.methodCache.set(key, (found = this.project.findMethod(cls, name) ?? null));
    return found ?? undefined;
  }

  run(): CycleAnalysis {
    for (const file of this.project.files.values()) {
      for (const c of file.cycles.classes) {
        const globalId = `${file.module.name}.${c.classId}`;
        this.classAttrs.set(globalId, new Map(c.attrs.map((a) => [a.name, a])));
        this.initFields.set(globalId, c.initFields);
      }
    }
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
    return { cycles, instances: found.flat(), subclasses: this.subclassIndex() };
  }

  // ---- summaries: which argument ends up holding which -------------------------------------

  private computeSummaries(): void {
    const candidates = this.entries.filter((e) => e.fn && (e.facts.objects.some((o) => o.paramIndex !== undefined) || (e.facts.returns ?? []).length > 0));
    // Callers by callee, so a changed summary only revisits the functions that apply it.
    const callers = new Map<string, FunctionEntry[]>();
    for (const entry of candidates) {
      for (const a of this.prepare(entry).applications) {
        const list = callers.get(a.target.globalId) ?? [];
        if (list[list.length - 1] !== entry) list.push(entry);
        callers.set(a.target.globalId, list);
      }
    }
    let work = candidates;
    for (let round = 0; round < MAX_SUMMARY_ROUNDS && work.length > 0; round++) {
      const next = new Set<FunctionEntry>();
      for (const entry of work) {
        const summary = this.summarize(entry);
        const id = entry.fn!.globalId;
        if (summaryKey(summary) === summaryKey(this.summaries.get(id) ?? [])) continue;
        this.summaries.set(id, summary);
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
    for (const r of entry.facts.returns ?? []) if (objects[r]!.paramIndex === undefined) starts.push([r, RETURNED]);
    for (const [startId, holder] of starts) {
      // Plain references first; what only a callable reaches is marked as such.
      const plain = reach(graph, startId, (e) => !isCallableEdge(e));
      const all = reach(graph, startId, () => true);
      for (const [reached, edge] of all) {
        const target = objects[reached]!;
        if (reached === startId || target.paramIndex === undefined || edge === null) continue;
        const viaPlain = plain.has(reached);
        const via = viaPlain ? plain : all;
        const path = pathTo(via, reached);
        // The store that made the reference: the last non-structural edge on the path.
        const store = [...path].reverse().find((e) => !STRUCTURAL.has(e.kind));
        if (!store) continue;
        const callableEdge = viaPlain ? undefined : path.find(isCallableEdge);
        const constructorStore = store.kind === 'summary' && store.fromConstructor === true;
        out.push({
          holder, held: target.paramIndex, file: store.file, site: store.site, text: store.text,
          ...(store.attr !== undefined ? { attr: store.attr } : {}),
          ...(callableEdge ? { callable: viaOf(callableEdge, objects) } : {}),
          ...(constructorStore ? { fromConstructor: true } : {}),
        });
      }
    }
    return dedupeSummaries(out);
  }

  // ---- the project-level graph of one function ---------------------------------------------

  /** A function's graph with the current summaries applied to its calls. */
  private graphOf(entry: FunctionEntry): LinkEdge[][] {
    const { base, applications } = this.prepare(entry);
    const graph: LinkEdge[][] = entry.facts.objects.map(() => []);
    for (const e of base) graph[e.from]!.push(e);
    for (const a of applications) {
      for (const s of this.summaries.get(a.target.globalId) ?? []) {
        const holders = s.holder === RETURNED ? (a.result === null ? [] : [a.result]) : (a.bindings[s.holder] ?? []);
        for (const h of holders) {
          for (const v of a.bindings[s.held] ?? []) {
            graph[h]!.push({
              from: h, to: v, kind: 'summary', file: s.file, site: s.site, text: s.text,
              ...(s.attr !== undefined ? { attr: s.attr } : {}),
              ...(s.callable ? { callable: s.callable } : {}),
              ...(a.fromConstructor || s.fromConstructor ? { fromConstructor: true } : {}),
              callFile: a.callFile, callSite: a.callSite, callText: a.callText, callTarget: a.target.globalId,
            });
          }
        }
      }
    }
    return graph;
  }

  /** Everything about a function's graph that does not depend on summaries, computed once. */
  private prepare(entry: FunctionEntry): Prepared {
    const cached = this.prepared.get(entry);
    if (cached) return cached;
    const { facts, file } = entry;
    const base: LinkEdge[] = [];
    const applications: Application[] = [];
    const add = (e: LinkEdge) => base.push(e);
    const classes = facts.objects.map((_, i) => this.classOf(entry, i, 0));
    for (const e of facts.edges) {
      if (e.kind === 'attr' && e.attr !== undefined && this.isPropertyStore(entry, classes[e.from], e.attr)) continue;
      if ((e.kind === 'item' || e.kind === 'attr') && this.holdsWeakly(entry, e.from, classes)) continue;
      add({ ...e, file: file.module.path });
    }
    facts.objects.forEach((o, i) => {
      if (o.kind !== 'attr' || o.base === undefined || o.attr === undefined) return;
      const baseClass = classes[o.base];
      const kind = this.attrKind(baseClass, o.attr);
      const site = { file: file.module.path, site: emptySiteOf(facts, i), text: o.label };
      if (kind === 'method') add({ from: i, to: o.base, kind: 'bound', ...site });
      else if (o.live !== false && (kind === 'strong' || kind === 'unknown' || kind === 'weak-container') && !isTypeAttribute(o.attr)) {
        // The reference exists because some method stored it: remember where, for reporting.
        const stored = baseClass ? this.storedAttr(baseClass, o.attr) : undefined;
        add({
          from: o.base, to: i, kind: 'implicit', attr: o.attr, ...site,
          ...(stored ? { storedFile: stored.file, storedSite: stored.site, storedText: stored.text } : {}),
        });
      }
    });
    for (const call of facts.calls) this.callEdges(entry, call, classes, add, applications);
    const prepared = { base, applications };
    this.prepared.set(entry, prepared);
    return prepared;
  }

  private callEdges(
    entry: FunctionEntry, call: FunctionCycleFacts['calls'][number], classes: readonly (ClassRef | undefined)[],
    add: (e: LinkEdge) => void, applications: Application[],
  ): void {
    const path = entry.file.module.path;
    const callInfo = { callFile: path, callSite: call.site, callText: call.text };
    const apply = (target: FunctionRef, bindings: number[][]) => {
      const fromConstructor = target.fn.name === '__init__' || target.fn.name === '__post_init__' || target.fn.name === '__new__';
      applications.push({ target, bindings, fromConstructor, result: fromConstructor ? null : call.result, ...callInfo });
    };
    // Calling an `async def` or a generator function builds a coroutine/generator whose frame
    // holds the receiver and the arguments until it finishes.
    const suspended = (target: FunctionRef, implicit: readonly number[]) => {
      if (call.result === null || !(target.fn.isAsync || target.fn.isGenerator)) return;
      for (const r of implicit) add({ from: call.result, to: r, kind: 'bound', file: path, site: call.site, text: call.text });
      for (const a of call.args) for (const r of a.refs) add({ from: call.result, to: r, kind: 'capture', file: path, site: call.site, text: call.text });
    };
    const direct = (kind: LinkEdgeKind, holder: number, values: readonly number[]) => {
      for (const v of values) add({ from: holder, to: v, kind, file: path, site: call.site, text: call.text });
    };

    if (call.superCall && call.method && entry.selfClass && call.receiver !== null) {
      for (const base of this.baseRefs(entry.selfClass)) {
        const target = this.findMethod(base, call.method);
        if (target) {
          apply(target, bindArguments(target.fn.params, call.args, [call.receiver]));
          return;
        }
      }
      return;
    }
    if (call.receiver !== null && call.method) {
      // One-shot schedulers drop the callable once it has run: not a lasting reference.
      if (ONE_SHOT_METHODS.has(call.method.replace(/^_+/, ''))) return;
      const cls = classes[call.receiver];
      if (cls) {
        const target = this.findMethod(cls, call.method);
        if (target && target.fn.kind !== 'staticmethod' && target.fn.kind !== 'classmethod') {
          apply(target, bindArguments(target.fn.params, call.args, [call.receiver]));
          suspended(target, [call.receiver]);
          return;
        }
        if (target) {
          apply(target, bindArguments(target.fn.params, call.args, target.fn.kind === 'classmethod' ? [null] : []));
          return;
        }
        if (target) return;
        if (WEAK_CONTAINERS.has(cls.globalId) || !this.hasUnresolvedBases(cls)) return;
      }
      const receiverType = entry.facts.objects[call.receiver]!.type;
      if (receiverType && WEAK_CONTAINERS.has(receiverType)) return;
      if (this.holdsWeakly(entry, call.receiver, classes)) return;
      const method = call.method.replace(/^_+/, '').toLowerCase();
      const container = CONTAINER_METHODS[call.method];
      if (container) {
        const args = container === 'last' ? call.args.slice(-1) : call.args;
        for (const a of args) direct('item', call.receiver, a.refs);
      } else if (REGISTRATION_METHODS.has(method) || /^(add|register|set)_?\w*(callback|handler|listener|observer|hook)s?$/.test(method)) {
        for (const a of call.args) direct('register', call.receiver, a.refs);
      }
      return;
    }
    if (call.callee) {
      const cls = this.resolveClass(call.callee);
      if (cls && call.result !== null) {
        const init = this.findMethod(cls, '__init__');
        if (init) {
          apply(init, bindArguments(init.fn.params, call.args, [call.result]));
          return;
        }
        const fields = this.fieldsOf(cls);
        if (fields) {
          this.fieldEdges(cls, fields, call, add, callInfo);
          return;
        }
        if (!this.hasUnresolvedBases(cls)) return;
      }
      const fn = cls ? undefined : this.resolveFunction(call.callee);
      if (fn) {
        apply(fn, bindArguments(fn.fn.params, call.args, fn.fn.kind === 'classmethod' ? [null] : []));
        suspended(fn, []);
        return;
      }
      // A class from outside the project: assume its instance keeps what it is given.
      if (call.result !== null && entry.facts.objects[call.result]!.kind === 'new' && !call.callee.startsWith('builtins.')
        && !WEAK_CONTAINERS.has(call.callee)) {
        for (const a of call.args) direct('construct', call.result, a.refs);
      }
    }
  }

  /** A dataclass-style constructor stores each field's argument on the new instance. */
  private fieldEdges(
    cls: ClassRef, fields: readonly DataclassField[], call: FunctionCycleFacts['calls'][number],
    add: (e: LinkEdge) => void, callInfo: { callFile: string; callSite: Span; callText: string },
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
        add({ from: call.result!, to: v, kind: 'summary', attr: f.name, file: f.owner.file.module.path, site, text: attr?.declaredText ?? f.name, fromConstructor: true, ...callInfo });
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
      return base !== undefined && this.attrKind(base, o.attr) === 'weak-container';
    }
    return false;
  }

  private attrKind(cls: ClassRef | undefined, name: string): AttrKind {
    if (!cls) return 'unknown';
    const key = `${cls.globalId}#${name}`;
    let kind = this.attrKindCache.get(key);
    if (kind === undefined) {
      kind = this.computeAttrKind(cls, name);
      this.attrKindCache.set(key, kind);
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
  private storedAttr(cls: ClassRef, name: string): { file: string; site: Span; text: string } | undefined {
    return this.findInBases(cls, (c) => {
      const own = this.classAttrs.get(c.globalId)?.get(name);
      if (own?.storedAt) return { file: c.file.module.path, site: own.storedAt, text: own.storedText ?? name };
      if (own?.declaredAt) return { file: c.file.module.path, site: own.declaredAt, text: own.declaredText ?? name };
      return undefined;
    });
  }

  private lookupAttr(cls: ClassRef, name: string): ClassAttrFact | undefined {
    return this.findInBases(cls, (c) => this.classAttrs.get(c.globalId)?.get(name));
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
    let result = this.unresolvedBases.get(cls.globalId);
    if (result === undefined) {
      result = this.findInBases(cls, (c) => (c.cls.bases.some((b) => b.qualifiedName !== 'builtins.object'
        && !(b.qualifiedName && this.resolveClass(b.qualifiedName))) ? true : undefined)) ?? false;
      this.unresolvedBases.set(cls.globalId, result);
    }
    return result;
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
      if (edges.length === 0 || !component.some((n) => isAnchor(objects[n]!))) continue;
      if (madeByOneCall(edges)) continue;
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
      if (e.kind === 'summary' && e.callable) {
        // The callee holds a callable capturing an argument: report the call.
        via = e.callable;
        holds = objects[e.to]!.label;
        viaCallee = e.callTarget;
      } else {
        const captured = graph[e.to]!.find((x) => CALLABLE.has(x.kind) && members.has(x.to));
        if (!captured) continue;
        const callable = objects[e.to]!;
        via = callable.kind === 'closure' ? 'closure' : callable.kind === 'value' ? 'coroutine' : 'bound-method';
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
      if (subEdges.length < 2 || !sub.some((n) => isAnchor(objectAt(n)))) continue;
      if (madeByOneCall(subEdges)) continue;
      // A cycle through an existing back-pointer attribute of `self` (`self.pool` when
      // `await self.pool.put_back(self)`) is the cycle that attribute's store closes.
      const storedBack = subEdges
        .filter((e) => e.kind === 'implicit' && e.storedSite && e.attr !== undefined && BACK_REFERENCE_WORDS.test(e.attr)
          && objectAt(e.from).kind === 'self')
        .map((e) => ({ ...e, kind: 'attr' as const, file: e.storedFile!, site: e.storedSite!, text: e.storedText! }));
      const explicit = [...subEdges.filter((e) => !STRUCTURAL.has(e.kind)), ...storedBack];
      if (explicit.length === storedBack.length) continue;
      // Each conventional back-pointer store (`prev`, `parent`) closes a cycle of its own;
      // without one, the likeliest back-reference stands for the group.
      const named = explicit.filter((e) => e.attr !== undefined && BACK_REFERENCE_WORDS.test(e.attr));
      for (const back of named.length > 1 ? named : [chooseBackEdge(explicit, objectAt)]) {
        const target = objectAt(back.to);
        const selfStore = back.kind === 'item' && target.kind !== 'attr'
          && sub.every((n) => n === back.to || isAttrOf(objects, component[n]!, component[back.to]!));
        // The way back: from what the back-reference points at to where it is stored.
        const returnPath = shortestPath(subgraph, back.to, back.from, subMembers);
        const forward = returnPath.find((e) => !STRUCTURAL.has(e.kind)) ?? null;
        const report = reportSite(back);
        out.push({
          kind: selfStore ? 'self-reference' : 'parent-child',
          file: report.file, site: report.site, text: report.text,
          forward: forward ? forwardText(forward) : null,
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
      if (entry.facts.objects[n]!.kind === 'self') selfClasses.add(cls.globalId);
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
    const here = e.kind === 'summary' ? { file: e.callFile ?? e.file, site: e.callSite ?? e.site, text: e.callText ?? e.text } : e;
    out.push({
      kind: 'self-reference', file: here.file, site: here.site, text: here.text, forward: null, via: 'self',
      holds: objects[e.to]!.label, related: [], ...classes,
    });
  }
  return out;
}

/** Objects this code made or was handed; a cycle made only of values read out of existing
 *  structure (`node.prev.next = node.next`) relinks a cycle built elsewhere. */
function isAnchor(o: CycleObject): boolean {
  return o.kind !== 'attr' && o.kind !== 'element';
}

function isAttrOf(objects: readonly CycleObject[], id: number, owner: number): boolean {
  for (let cur = objects[id]; cur?.base !== undefined; cur = objects[cur.base]) if (cur.base === owner) return true;
  return false;
}

function isTypeAttribute(attr: string): boolean {
  return attr === '__class__' || attr === '__func__' || attr === '__self__' || attr === '__wrapped__';
}

function emptySiteOf(facts: FunctionCycleFacts, id: number): Span {
  const e = facts.edges.find((x) => x.from === id || x.to === id);
  if (e) return e.site;
  const c = facts.calls.find((x) => x.receiver === id || x.result === id || x.args.some((a) => a.refs.includes(id)));
  return c?.site ?? { start: 0, end: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
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
  const score = (e: LinkEdge): number => {
    let s = 0;
    if (e.attr !== undefined && BACK_REFERENCE_WORDS.test(e.attr)) s += 8;
    if (e.kind === 'summary' || e.kind === 'construct') s += 4;
    if (objectAt(e.to).kind === 'self' && (e.kind === 'attr' || e.kind === 'summary')) s += 2;
    // `self.subject = subject` next to `subject.attach(self)`: the child keeps the owner it was given.
    if (e.kind === 'attr' && objectAt(e.from).kind === 'self' && objectAt(e.to).kind === 'param') s += 2;
    if (e.kind === 'attr' || e.kind === 'summary' || e.kind === 'construct' || e.kind === 'register') s += 1;
    return s;
  };
  let best = edges[0]!;
  for (const e of edges.slice(1)) {
    const d = score(e) - score(best);
    if (d > 0 || (d === 0 && (e.site.start > best.site.start && e.file === best.file))) best = e;
  }
  return best;
}

/** Edges of a shortest path from `from` to `to` inside `members` (empty when none). */
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
  return explicit.every((e) => e.kind === 'summary' && e.callSite !== undefined && e.callFile === first.callFile
    && e.callSite.start === first.callSite?.start);
}

function isCallableEdge(e: LinkEdge): boolean {
  return CALLABLE.has(e.kind) || (e.kind === 'summary' && e.callable !== undefined);
}

function viaOf(e: LinkEdge, objects: readonly CycleObject[]): SelfReferenceVia {
  if (e.kind === 'summary') return e.callable ?? 'closure';
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
  if (e.kind === 'summary' && e.callSite && !e.fromConstructor && !(e.attr !== undefined && BACK_REFERENCE_WORDS.test(e.attr))) {
    return { file: e.callFile ?? e.file, site: e.callSite, text: e.callText ?? e.text };
  }
  return { file: e.file, site: e.site, text: e.text };
}

function forwardText(e: LinkEdge): string {
  return e.callText ?? e.text;
}

/** Tarjan's algorithm with an explicit stack; components in discovery order. */
export function stronglyConnected(graph: readonly (readonly { to: number }[])[]): number[][] {
  const n = graph.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: { node: number; edge: number }[] = [{ node: root, edge: 0 }];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph[frame.node]!;
      if (frame.edge < edges.length) {
        const next = edges[frame.edge++]!.to;
        if (index[next] === -1) {
          index[next] = low[next] = counter++;
          stack.push(next);
          onStack[next] = true;
          work.push({ node: next, edge: 0 });
        } else if (onStack[next]) {
          low[frame.node] = Math.min(low[frame.node]!, index[next]!);
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.node;
        low[parent] = Math.min(low[parent]!, low[frame.node]!);
      }
      if (low[frame.node] === index[frame.node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = false;
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = graph[frame.node]!.some((e) => e.to === frame.node);
        if (component.length > 1 || selfLoop) out.push(component.sort((a, b) => a - b));
      }
    }
  }
  return out;
}

