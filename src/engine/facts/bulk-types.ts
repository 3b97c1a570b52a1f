// Per-file facts for the bulk-transform rules (PSL101, PSL102): function summaries (what each
// function builds and returns, how it reads each parameter), how every call's result is used,
// and where results flow into other calls. Plain serializable data; the link step
// (`link/bulk-flow.ts`) resolves what is left open across functions and modules.
import type { Span } from '../types.js';

/**
 * A call, named by the offsets of its node in the decoded text: `${start}:${end}`. Equal to the
 * `span.start`/`span.end` of the matching `CallFact` in `FileFacts.calls`.
 */
export type CallKey = string;

/** How a value (a call's result, a parameter) is used, as far as one file can tell. */
export type UseFact =
  /** Iterated exactly once: a `for`, a comprehension, `sum`, `"".join`, `list(...)`, `yield from`… */
  | { readonly kind: 'single'; readonly how: string; readonly orderInsensitive: boolean }
  /** An argument of a call that may reach a project function: single-pass iff that parameter is. */
  | { readonly kind: 'passed'; readonly call: CallKey; readonly index: number; readonly keyword: string | null }
  /** Returned by the enclosing function: used however its callers use that function's result. */
  | { readonly kind: 'returned' }
  /** Anything else: `len`, indexing, truthiness, read twice, stored, returned param, unknown callee… */
  | { readonly kind: 'other'; readonly reason: string };

export interface BulkParamFact {
  readonly name: string;
  readonly use: UseFact;
  /** Read by key or position (`p[k]`, `p.get(k)`, `x in p`): a lookup table, not a stream of records. */
  readonly randomAccess: boolean;
}

/** A text edit in this file (offsets in UTF-16 code units of the decoded text). */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The rewrite of a producer into a generator, prepared while the tree is at hand. */
export interface ConversionFact {
  /** Body and annotation edits. */
  readonly edits: readonly TextEdit[];
  /** Adds `Iterator` to the imports when the new annotation needs it (equal for every function of a file). */
  readonly importEdit: TextEdit | null;
  /** Reasons the rewrite might change behaviour: any makes the fix unsafe. */
  readonly hazards: readonly string[];
  /** Calls that would run lazily after the rewrite: unsafe if one reaches a project function with side effects. */
  readonly deferredCalls: readonly CallKey[];
}

export type ProducerForm =
  /** `return [f(x) for x in xs]` (also a set or dict comprehension). */
  | 'comprehension'
  /** `out = []` … `out.append(x)` / `out.extend(..)` / `out[k] = v` / `out.add(x)` … `return out`. */
  | 'accumulate'
  /** `return list(…)`, `sorted(…)`, `set(…)`, `dict(…)`, `tuple(…)` of an iterable, or `[*a, *b]` (no rewrite). */
  | 'materialize'
  /** `rows = [f(x) for x in xs]` … `return rows`. */
  | 'local-comprehension'
  /** `return other(...)`: a producer if the called function is one (resolved in the link step). */
  | 'forward';

export type CollectionKind = 'list' | 'set' | 'dict' | 'tuple';

/** What a function returns when it returns a freshly built collection. */
export interface ProducerFact {
  readonly form: ProducerForm;
  /** Unknown for `forward` (the called function decides). */
  readonly collection: CollectionKind | null;
  /** The expression or statement that builds it (the returned comprehension, the accumulator's init…). */
  readonly span: Span;
  /** Parameters whose items the collection is built from: the function is a transform stage for them. */
  readonly sourceParams: readonly string[];
  /** For `forward`: the returned calls. */
  readonly forwardCalls: readonly CallKey[];
  /** The generator rewrite, or null when there is none (see `blocker`). */
  readonly conversion: ConversionFact | null;
  /** Why there is no rewrite: the accumulator is read, other returns, sorting, a `with` block… */
  readonly blocker: string | null;
  /**
   * `hazard`: callers could take a stream but this body cannot be rewritten safely (async,
   * cached, the accumulator is read…). `shape`: not a stream by nature (dict, tuple, sorted, a copy).
   */
  readonly blockerKind: 'hazard' | 'shape' | null;
}

export interface BulkFunctionFact {
  /** The `FunctionFact.id`. */
  readonly id: string;
  /** Every parameter, in order (`self`/`cls` included). */
  readonly params: readonly BulkParamFact[];
  readonly producer: ProducerFact | null;
  /** A side effect of the function's own body (I/O, logging, mutating a global or a parameter), or null. */
  readonly sideEffect: string | null;
  /** The body has a `raise` statement (outside nested functions), other than `raise NotImplementedError`. */
  readonly raises: boolean;
  /** A write of the body to state it does not own (a parameter, `self` included, a global, their items), or null. */
  readonly outerWrite: string | null;
  /** Calls in the body that may reach project functions (for side effects found through the call graph). */
  readonly calls: readonly CallKey[];
  /**
   * Module-level containers it reads (`for job in QUEUE`), qualified (`pkg.jobs.QUEUE`): a caller
   * changing one while it iterates a lazy result would change what it sees.
   */
  readonly globalReads: readonly string[];
  /** Module-level names whose objects it changes (`QUEUE.remove(job)`, `CACHE[k] = v`), qualified. */
  readonly globalWrites: readonly string[];
  /** The class its `-> T` annotation names (`-> World`, `-> Optional[World]`), resolved: a factory's product. */
  readonly returnsClass: string | null;
  /** Returns a function defined in its own body: as a decorator, it wraps rather than registers. */
  readonly returnsNestedFunction: boolean;
}

/** How the result of one call is used. Recorded for calls that may reach a project function. */
export interface BulkCallFact {
  readonly call: CallKey;
  readonly use: UseFact;
  /** Reasons a lazily computed result would behave differently here (resolved per call site). */
  readonly siteHazards: readonly string[];
  /**
   * Calls that may reach project functions, made on the call's inputs (`world.despawn(eid)` after
   * `world.query(...)`) or passing one on, before the result is read or while it is iterated: if the
   * function they reach writes to its inputs, a lazy result would see the change. Also method calls on
   * an input whose class is unknown (`world.respawn(p)`): the link step checks the methods of that name.
   */
  readonly touchingCalls: readonly CallKey[];
  /** Module-level names whose objects are changed in those same ranges, qualified (see `globalReads`); `ANY_GLOBAL` when unknown code runs there. */
  readonly rangeGlobalWrites: readonly string[];
  /** Every call in those ranges that may reach a project function (checked for `globalWrites`). */
  readonly rangeCalls: readonly CallKey[];
  /** Module-level names among the call's inputs (`evens(DATA)`), qualified: the producer reads them too. */
  readonly inputGlobals: readonly string[];
  /** The result is read item by item by a `for` loop (or a function it is passed to), not inside a catching `try` of this body. */
  readonly readsPerItem: boolean;
  /** The call sits in a `try` (or `with suppress(...)`) that may catch a data error of the code it runs. */
  readonly inCatchingTry: boolean;
  /** `store.load(..)` where `store = CrmStore()` in the same body: `pkg.mod.CrmStore.load`. */
  readonly inferredCallee: string | null;
  /** `self`/`cls` call in a method: the id of the enclosing function (for `self.x` resolution). */
  readonly enclosingFunctionId: string | null;
}

/**
 * The result of call `from` reaches argument `index`/`keyword` of call `to`, directly
 * (`to(from())`) or through a local (`rows = from(); to(rows)`).
 */
export interface BulkFlowFact {
  readonly from: CallKey;
  readonly to: CallKey;
  readonly index: number;
  readonly keyword: string | null;
  /**
   * `direct`: nested call, the old value dies when `to` returns. `rebound`: `rows = to(rows)`,
   * likewise. `held`: a local keeps the old value alive for the rest of the body.
   */
  readonly via: 'direct' | 'rebound' | 'held';
}

export interface BulkFacts {
  readonly functions: readonly BulkFunctionFact[];
  readonly calls: readonly BulkCallFact[];
  readonly flows: readonly BulkFlowFact[];
  /**
   * Functions used as values rather than called (callbacks, registries): their callers are
   * unknown. Qualified names; `self.name@<function id>` for methods named through `self`;
   * `*.name` for `obj.name` handed on as a value (an argument, a container item) on an unknown receiver.
   */
  readonly escapes: readonly string[];
  /** Data attribute names of the file's classes (`self.x = …`, class-body `x: T`): see `escapes`. */
  readonly dataAttributes: readonly string[];
  /** `__all__` is built in a way the literal `FileFacts.exports` misses (`+=`, `.extend`, a computed value). */
  readonly openExports: boolean;
}

/** In `BulkCallFact.rangeGlobalWrites`: the reading loop yields, so code outside it may change any global. */
export const ANY_GLOBAL = '*';
