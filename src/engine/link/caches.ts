// Tier 2 for the cache-growth rules: containers and their uses linked across modules, and which
// functions run repeatedly at run time. Reads FileFacts only.
import { isStdlibEnumBase, looksLikeEnumBase } from '../facts/caches.js';
import type { ConstantFact, ContainerFact, ContainerUseFact } from '../facts/cache-types.js';
import type { ArgFact, CallFact, ClassFact, DecoratorFact, FileFacts, FunctionFact } from '../facts/types.js';
// ==== Project level: containers and their uses across modules, and which functions run repeatedly.
// These read only FileFacts (through the structural `CacheProject` view of the project graph),
// so the cache rules share one reading of "grows at run time, never shrinks anywhere".

interface FunctionEntry { readonly globalId: string; readonly file: FileFacts; readonly fn: FunctionFact }
interface ClassEntry { readonly globalId: string; readonly file: FileFacts; readonly cls: ClassFact }

/** The part of the project graph the cache rules read (the link step's ProjectGraph fits it). */
export interface CacheProject {
  readonly files: ReadonlyMap<string, FileFacts>;
  readonly modules: ReadonlyMap<string, FileFacts>;
  readonly functions: ReadonlyMap<string, FunctionEntry>;
  readonly classes: ReadonlyMap<string, ClassEntry>;
  readonly callsTo: ReadonlyMap<string, readonly { readonly file: FileFacts; readonly call: CallFact }[]>;
  resolveFunction(qualifiedName: string): FunctionEntry | undefined;
  resolveClass(qualifiedName: string): ClassEntry | undefined;
  resolveCall(file: FileFacts, call: CallFact): FunctionEntry | undefined;
  findMethod(cls: ClassEntry, name: string): FunctionEntry | undefined;
}

export interface LinkedUse {
  readonly file: FileFacts;
  readonly use: ContainerUseFact;
}

export interface LinkedContainer {
  /** `pkg.cache._memo`, `pkg.svc.Service._registry`, `pkg.svc.Service#_cache`, `pkg.deco.memoize.<locals>.cache`. */
  readonly globalKey: string;
  readonly file: FileFacts;
  readonly container: ContainerFact;
  readonly uses: LinkedUse[];
}

const MAX_REEXPORT_HOPS = 8;

/** Every long-lived container in the project with every use that names it, from any module (shared by the rules: read only). */
export function linkContainers(project: CacheProject): ReadonlyMap<string, LinkedContainer> {
  let linked = linkedContainers.get(project);
  if (!linked) linkedContainers.set(project, (linked = buildLinkedContainers(project)));
  return linked;
}

const linkedContainers = new WeakMap<CacheProject, ReadonlyMap<string, LinkedContainer>>();

function buildLinkedContainers(project: CacheProject): Map<string, LinkedContainer> {
  const byKey = new Map<string, LinkedContainer>();
  const byAttr = new Map<string, LinkedContainer[]>();
  for (const file of project.files.values()) {
    for (const container of file.caches.containers) {
      const globalKey = `${file.module.name}.${container.key}`;
      if (byKey.has(globalKey)) continue;
      const linked: LinkedContainer = { globalKey, file, container, uses: [] };
      byKey.set(globalKey, linked);
      if (container.scope === 'class' || container.scope === 'instance') {
        const attr = attrOf(container);
        const list = byAttr.get(attr) ?? [];
        list.push(linked);
        byAttr.set(attr, list);
      }
    }
  }
  const hierarchy = classHierarchy(project);

  const classContainer = (classGlobalId: string, attr: string): LinkedContainer | undefined => {
    for (const id of hierarchy(classGlobalId)) {
      const found = byKey.get(`${id}.${attr}`);
      if (found?.container.scope === 'class') return found;
    }
    return undefined;
  };
  const instanceContainer = (classGlobalId: string, attr: string): LinkedContainer | undefined => {
    for (const id of hierarchy(classGlobalId)) {
      const found = byKey.get(`${id}#${attr}`);
      if (found) return found;
    }
    return undefined;
  };
  const resolveQualified = (name: string, hops = 0): LinkedContainer | undefined => {
    if (hops > MAX_REEXPORT_HOPS) return undefined;
    const direct = byKey.get(name);
    if (direct) return direct;
    const dot = name.lastIndexOf('.');
    if (dot > 0) {
      const cls = project.resolveClass(name.slice(0, dot));
      if (cls) return classContainer(cls.globalId, name.slice(dot + 1));
    }
    const parts = name.split('.');
    for (let cut = parts.length - 1; cut >= 1; cut--) {
      const module = project.modules.get(parts.slice(0, cut).join('.'));
      if (!module) continue;
      const [head, ...rest] = parts.slice(cut);
      const imported = module.imports.find((i) => i.scope === null && i.localName === head);
      return imported ? resolveQualified([imported.target, ...rest].join('.'), hops + 1) : undefined;
    }
    return undefined;
  };

  // `wrapper.cache = cache`: `<fn>.cache.clear()` anywhere reaches the closure dict under that name.
  const exposed = new Map<string, LinkedContainer[]>();
  for (const file of project.files.values()) {
    for (const use of file.caches.uses) {
      if (use.op !== 'escape' || use.ref.kind !== 'closure' || !use.method.startsWith('expose:')) continue;
      const found = byKey.get(`${file.module.name}.${use.ref.key}`);
      const attr = use.method.slice('expose:'.length);
      if (found) exposed.set(attr, [...(exposed.get(attr) ?? []), found]);
    }
  }

  for (const file of project.files.values()) {
    for (const use of file.caches.uses) {
      // Handed to a project function that only reads it (`_notify_all(_listeners)`): still in sight.
      if (use.op === 'escape' && use.passedTo && onlyReads(project, use.passedTo)) continue;
      const { ref } = use;
      const targets: LinkedContainer[] = [];
      if (ref.kind === 'qualified') {
        const found = resolveQualified(ref.name);
        if (found) targets.push(found);
        // `country.results.clear()` on a decorated function: the dict its decorator exposed as `results`.
        else if ((use.op === 'shrink' || use.op === 'reassign') && exposed.size > 0) {
          const dot = ref.name.lastIndexOf('.');
          if (dot > 0 && project.resolveFunction(ref.name.slice(0, dot))) targets.push(...(exposed.get(ref.name.slice(dot + 1)) ?? []));
        }
      } else if (ref.kind === 'closure') {
        const found = byKey.get(`${file.module.name}.${ref.key}`);
        if (found) targets.push(found);
      } else if (ref.kind === 'attribute') {
        if (use.op === 'shrink' || use.op === 'reassign') targets.push(...(byAttr.get(ref.attr) ?? []), ...(exposed.get(ref.attr) ?? []));
      } else {
        const classGlobalId = `${file.module.name}.${ref.classId}`;
        const shared = classContainer(classGlobalId, ref.attr);
        const own = ref.viaClass ? undefined : instanceContainer(classGlobalId, ref.attr);
        if (own) {
          // An instance attribute of that name shadows the class-level one: resetting it counts there too.
          if (!(use.isDefinition && own.container.scope === 'instance' && own.file === file
            && own.container.key === `${ref.classId}#${ref.attr}`)) targets.push(own);
          if (shared && use.op === 'reassign') targets.push(shared);
        } else if (shared) {
          targets.push(shared);
        }
        if (!own && !shared && use.op === 'reassign' && !ref.viaClass && hasUnresolvedBase(project, classGlobalId)) {
          // `self.x = …` in a class whose bases are out of sight may shadow any class-level `x`.
          for (const c of byAttr.get(ref.attr) ?? []) if (c.container.scope === 'class') targets.push(c);
        }
      }
      for (const target of new Set(targets)) target.uses.push({ file, use });
    }
  }
  return byKey;
}

/** Whether the callee is a project function (not a method: `self` shifts the slots) that only reads that parameter. */
function onlyReads(project: CacheProject, slot: NonNullable<ContainerUseFact['passedTo']>): boolean {
  const entry = project.resolveFunction(slot.callee);
  if (!entry || (entry.fn.kind !== 'function' && entry.fn.kind !== 'staticmethod')) return false;
  const readOnly = entry.file.caches.readOnlyParams;
  if (!readOnly) return false;
  const param = slot.keyword !== null
    ? entry.fn.params.find((p) => p.name === slot.keyword && p.kind !== 'var-positional')
    : slot.position !== null ? entry.fn.params[slot.position] : undefined;
  if (!param || param.kind === 'var-positional' || param.kind === 'var-keyword') return false;
  if (slot.keyword === null && param.kind !== 'positional') return false;
  return readOnly.includes(`${entry.fn.id}\u0000${param.name}`);
}

function hasUnresolvedBase(project: CacheProject, classGlobalId: string): boolean {
  const cls = project.classes.get(classGlobalId);
  return !!cls && cls.cls.bases.some((b) => b.qualifiedName !== 'builtins.object' && !(b.qualifiedName && project.resolveClass(b.qualifiedName)));
}

function attrOf(container: ContainerFact): string {
  return container.name.replace(/^self\./, '');
}

/** A class and its bases within the project, nearest first (a simple linearisation). */
function classHierarchy(project: CacheProject): (classGlobalId: string) => readonly string[] {
  const memo = new Map<string, string[]>();
  return (start) => {
    const known = memo.get(start);
    if (known) return known;
    const out: string[] = [];
    const queue = [start];
    while (queue.length > 0 && out.length < 64) {
      const id = queue.shift()!;
      if (out.includes(id)) continue;
      out.push(id);
      const cls = project.classes.get(id);
      for (const base of cls?.cls.bases ?? []) {
        const ref = base.qualifiedName ? project.resolveClass(base.qualifiedName) : undefined;
        if (ref) queue.push(ref.globalId);
      }
    }
    memo.set(start, out);
    return out;
  };
}

/**
 * Whether an annotated class attribute is a per-instance field default: the class (or a base) is
 * decorated (dataclass, attrs…) or derives from a class outside the project (pydantic, NamedTuple…).
 */
export function isFieldDefault(project: CacheProject, linked: LinkedContainer): boolean {
  const { container, file } = linked;
  if (container.scope !== 'class' || !container.isAnnotatedAttribute) return false;
  const seen = new Set<string>();
  const queue = [`${file.module.name}.${container.ownerId}`];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const cls = project.classes.get(id);
    if (!cls) return true;
    if (cls.cls.decorators.length > 0) return true;
    for (const base of cls.cls.bases) {
      if (base.qualifiedName !== null && PLAIN_BASES.has(base.qualifiedName)) continue;
      const ref = base.qualifiedName ? project.resolveClass(base.qualifiedName) : undefined;
      if (!ref) return true;
      queue.push(ref.globalId);
    }
  }
  return false;
}

const PLAIN_BASES = new Set(['builtins.object', 'abc.ABC', 'typing.Generic', 'typing.Protocol', 'builtins.Exception']);

/** Uses of a container that end unbounded growth: a removal, a reset, a size check, or an alias. */
export function boundingUses(linked: LinkedContainer): LinkedUse[] {
  return linked.uses.filter(({ use }) => {
    if (use.op === 'escape') return !use.method.startsWith('expose:');
    if (use.op !== 'shrink' && use.op !== 'reassign' && use.op !== 'size') return false;
    // Import-time resets (module or class body) do not bound run-time growth; one in a callback lambda does.
    return use.functionId !== null || use.op === 'size' || !!use.inCallback;
  });
}

const IMPORT_TIME_METHODS = new Set(['__init_subclass__', '__set_name__', '__class_getitem__', '__prepare__']);
const CONSTRUCTORS = new Set(['__init__', '__new__', '__post_init__']);
const METACLASS_BASES = new Set(['builtins.type', 'abc.ABCMeta', 'enum.EnumMeta', 'enum.EnumType']);
/** Functions that by name run once per registrant (at import or start-up), not per request. */
const REGISTRATION_NAME = /^_*(register|setup$|configure|install|init_|initialize)/i;
/** Of those, the ones that take one registrant per call (not a set-up step). */
const REGISTRATION_API = /^_*(register|install)/i;
/** A test function, or a part of a dotted function id that is one (`test_x.helper`). */
const TEST_NAME = /(^|\.)(test|setUp|tearDown|pytest_)/;
/**
 * pytest's conftest (fixtures and hooks) and test modules (`test_*.py`, `*_test.py`: what pytest
 * collects), whose fixtures and helpers run once per test run. (Folders named `test` are not
 * judged by name: support code lives there too.)
 */
const TEST_MODULE = /(^|\/)(conftest|test_[^/]*|[^/]*_test)\.py$/;

interface Site { readonly file: FileFacts; readonly functionId: string | null; readonly offset?: number }

export interface RuntimeOracle {
  /** Whether code in this function (null: module level) runs repeatedly at run time (at `offset`: also inside a repeating loop). */
  (file: FileFacts, functionId: string | null, offset?: number): boolean;
  /** Whether the function has no caller, decorator use or callback hand-off in the project (an API or entry point). */
  readonly isEntryPoint: (file: FileFacts, functionId: string | null) => boolean;
  /**
   * Whether the function is a `register*`/`install*` API with no caller in the project: assumed to
   * run once per registrant at start-up, so the oracle does not count it as run time. Each call
   * still appends one more item to a list it fills (listeners, hooks), unlike a keyed store.
   */
  readonly isRegistrationApi: (file: FileFacts, functionId: string | null) => boolean;
  /**
   * Whether the function runs only as part of the program's start (`if __name__ == "__main__":`
   * and what it calls outside a repeating loop): once per run, like a command. It still counts as
   * run time; a keyed store or a set add there is start-up set-up, an append still one more item.
   */
  readonly isStartupOnly: (file: FileFacts, functionId: string | null) => boolean;
}

/**
 * Which functions run repeatedly at run time (so growth in them accumulates), as opposed to
 * once at import: module-level code, decorators applied at import, `__init_subclass__`,
 * functions only ever called from those. Unknown callers (a public API, a callback) count as
 * run time, except registration-style names and decorators that return what they register.
 */
export function runtimeOracle(project: CacheProject): RuntimeOracle {
  // PSL201 and PSL204 both ask: build the index once per project graph.
  let oracle = oracles.get(project);
  if (!oracle) oracles.set(project, (oracle = buildRuntimeOracle(project)));
  return oracle;
}

const oracles = new WeakMap<CacheProject, RuntimeOracle>();

function buildRuntimeOracle(project: CacheProject): RuntimeOracle {
  const decoratorSites = new Map<string, { site: Site; isCall: boolean }[]>();
  const referenced = new Set<string>();
  const functionNames = new Set<string>();
  for (const ref of project.functions.values()) functionNames.add(ref.fn.name);
  const classNames = new Set<string>();
  for (const ref of project.classes.values()) classNames.add(ref.cls.name);
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  // The same names are resolved over and over (`Thread(...)` in a hundred files): once each.
  const memoized = <T>(resolve: (name: string) => T | undefined) => {
    const known = new Map<string, T | null>();
    return (name: string): T | undefined => {
      let hit = known.get(name);
      if (hit === undefined) known.set(name, (hit = resolve(name) ?? null));
      return hit ?? undefined;
    };
  };
  const resolveFunction = memoized((name) => project.resolveFunction(name));
  const resolveClass = memoized((name) => project.resolveClass(name));

  const instantiations = new Map<string, Site[]>();
  // `bus = EventBus()` at module level: `bus.subscribe(...)` and `@bus.on("x")` reach EventBus's methods.
  const instanceClasses = new Map<string, string>();
  for (const file of project.files.values()) {
    for (const i of file.caches.instances) instanceClasses.set(`${file.module.name}.${i.name}`, i.classQualifiedName);
  }
  const instanceMethod = (qualifiedName: string): FunctionEntry | undefined => {
    const dot = qualifiedName.lastIndexOf('.');
    const classQualifiedName = dot > 0 ? instanceClasses.get(qualifiedName.slice(0, dot)) : undefined;
    const cls = classQualifiedName ? resolveClass(classQualifiedName) : undefined;
    return cls ? project.findMethod(cls, qualifiedName.slice(dot + 1)) : undefined;
  };
  const instanceCalls = new Map<string, Site[]>();
  // What a call's name or an argument's name can be, by name: there are far fewer names than calls.
  const callNames = new Map<string, { readonly method: FunctionEntry | undefined; readonly cls: ClassEntry | undefined }>();
  const callNameInfo = (name: string) => {
    let info = callNames.get(name);
    if (!info) {
      const last = lastPart(name);
      info = {
        method: instanceClasses.size > 0 && functionNames.has(last) ? instanceMethod(name) : undefined,
        cls: classNames.has(last) ? resolveClass(name) : undefined,
      };
      callNames.set(name, info);
    }
    return info;
  };
  const callbackNames = new Map<string, FunctionEntry | null>();
  const callbackTarget = (name: string): FunctionEntry | undefined => {
    let target = callbackNames.get(name);
    if (target === undefined) {
      target = (functionNames.has(lastPart(name)) ? resolveFunction(name) : undefined) ?? null;
      callbackNames.set(name, target);
    }
    return target ?? undefined;
  };
  for (const file of project.files.values()) {
    const addDecorators = (decorators: readonly DecoratorFact[], functionId: string | null) => {
      for (const d of decorators) {
        if (!d.qualifiedName || !functionNames.has(lastPart(d.qualifiedName))) continue;
        const target = resolveFunction(d.qualifiedName) ?? instanceMethod(d.qualifiedName);
        if (target) push(decoratorSites, target.globalId, { site: { file, functionId }, isCall: d.isCall });
      }
    };
    for (const fn of file.functions) addDecorators(fn.decorators, fn.parentFunctionId);
    for (const cls of file.classes) addDecorators(cls.decorators, cls.parentFunctionId);
    // `@Dispatcher` instantiates the class where the decorated definition is.
    for (const decorated of [...file.functions, ...file.classes]) {
      for (const d of decorated.decorators) {
        if (!d.qualifiedName || !classNames.has(lastPart(d.qualifiedName))) continue;
        const cls = resolveClass(d.qualifiedName);
        if (cls) push(instantiations, cls.globalId, { file, functionId: decorated.parentFunctionId });
      }
    }
    for (const call of file.calls) {
      // A function handed over as a callback may be called any number of times.
      for (const arg of call.args) {
        if (!arg.qualifiedName || (arg.kind !== 'name' && arg.kind !== 'attribute')) continue;
        const target = callbackTarget(arg.qualifiedName);
        if (target) referenced.add(target.globalId);
      }
      const name = call.qualifiedName;
      if (!name) continue;
      const { method, cls } = callNameInfo(name);
      if (method) push(instanceCalls, method.globalId, { file, functionId: call.enclosingFunctionId, offset: call.span.start });
      if (cls) push(instantiations, cls.globalId, { file, functionId: call.enclosingFunctionId, offset: call.span.start });
    }
  }
  const subclasses = new Map<string, string[]>();
  for (const ref of project.classes.values()) {
    for (const base of ref.cls.bases) {
      const baseRef = base.qualifiedName ? resolveClass(base.qualifiedName) : undefined;
      if (baseRef) push(subclasses, baseRef.globalId, ref.globalId);
    }
  }
  const withSubclasses = (classGlobalId: string): Set<string> => {
    const out = new Set<string>();
    const queue = [classGlobalId];
    for (let i = 0; i < queue.length && out.size < 256; i++) {
      const id = queue[i]!;
      if (out.has(id)) continue;
      out.add(id);
      for (const sub of subclasses.get(id) ?? []) queue.push(sub);
    }
    return out;
  };

  // Each function either runs at run time by itself (an entry point: no known caller, a callback,
  // a wrapper), never does (test code, `__init_subclass__`, registration helpers), or runs when
  // one of its callers does. Propagate "runs at run time" from the entry points along call edges.
  const runtime = new Set<string>();
  const callees = new Map<string, string[]>();
  const entry: string[] = [];
  const startupEntry: string[] = [];
  const registrationApis = new Set<string>();
  // Global ids by file and local id, so that linking a call site to its caller builds no strings.
  const globalIds = new Map<FileFacts, Map<string, string>>();
  for (const { globalId, file, fn } of project.functions.values()) {
    let ids = globalIds.get(file);
    if (!ids) globalIds.set(file, (ids = new Map()));
    ids.set(fn.id, globalId);
  }
  // Functions that run when a caller does, and those of them a module-level statement calls.
  const dependents = new Set<string>();
  const calledAtModuleLevel = new Set<string>();
  const dependOn = (site: Site, globalId: string) => {
    dependents.add(globalId);
    if (site.functionId === null) {
      calledAtModuleLevel.add(globalId);
      return;
    }
    push(callees, globalIds.get(site.file)?.get(site.functionId) ?? `${site.file.module.name}.${site.functionId}`, globalId);
  };
  const testModules = new Map<FileFacts, boolean>();
  const isTestModule = (file: FileFacts) => {
    let known = testModules.get(file);
    if (known === undefined) testModules.set(file, (known = TEST_MODULE.test(file.module.path)));
    return known;
  };
  // A call from a test says nothing about when the code under test runs: a function only tests
  // call is an API like one nothing calls.
  const fromTest = (site: Site) => isTestModule(site.file) || (site.functionId !== null && TEST_NAME.test(site.functionId));
  for (const { globalId, file, fn } of project.functions.values()) {
    // Test code runs once per test run; helpers nested in a test are test code too. A command-line
    // command runs once per invocation of the program: what it collects dies with the process.
    if (TEST_NAME.test(fn.id) || isTestModule(file)) continue;
    // A function looping forever (a serve loop, a thread target, a poller) runs at run time, however
    // it is started: from a command, `asyncio.run(...)`, a thread started at import.
    if (file.caches.loopsForever?.includes(fn.id)) {
      entry.push(globalId);
      continue;
    }
    // (A decorator that is a function of the project, `def command(name):` filling a dispatch table, is not click's.)
    if (isCliCommand(fn, file) && !fn.decorators.some((d) => d.qualifiedName && resolveFunction(d.qualifiedName))) continue;
    if (fn.parentFunctionId !== null) {
      // The inner function of a decorator factory (`@register("x")`, or shaped like a decorator:
      // `def deco(fn)`) runs when it is applied, at import. Any other inner function (a wrapper,
      // a callback) runs later, repeatedly.
      const parentId = `${file.module.name}.${fn.parentFunctionId}`;
      const usedAsFactory = (decoratorSites.get(parentId) ?? []).filter((d) => d.isCall).length;
      if (usedAsFactory > 0 || looksLikeDecorator(fn)) {
        const plainCalls = (project.callsTo.get(parentId)?.length ?? 0) + (instanceCalls.get(parentId)?.length ?? 0) - usedAsFactory;
        if (plainCalls > 0) push(callees, parentId, globalId);
      } else {
        entry.push(globalId);
      }
      continue;
    }
    if (fn.classId !== null) {
      if (IMPORT_TIME_METHODS.has(fn.name)) continue;
      const cls = project.classes.get(`${file.module.name}.${fn.classId}`);
      // A metaclass builds classes in `__new__`/`__init__` (import time); its `__call__` runs per instance.
      if (cls && fn.name !== '__call__' && cls.cls.bases.some((b) => b.qualifiedName !== null && METACLASS_BASES.has(b.qualifiedName))) continue;
      if (CONSTRUCTORS.has(fn.name) && cls) {
        const sites = [...withSubclasses(cls.globalId)].flatMap((id) => instantiations.get(id) ?? []).filter((site) => !fromTest(site));
        if (sites.length === 0 || sites.some(inRepeatLoop)) entry.push(globalId);
        else for (const site of sites) dependOn(site, globalId);
        continue;
      }
    }
    // A callback (`codecs.register(search)`, `signal.connect(on_save)`) is called later, at will.
    if (referenced.has(globalId)) {
      entry.push(globalId);
      continue;
    }
    // A recursive call says nothing about when the function first runs.
    const directCalls = (project.callsTo.get(globalId) ?? []).filter((c) => (c.file !== file || c.call.enclosingFunctionId !== fn.id)
      && !fromTest({ file: c.file, functionId: c.call.enclosingFunctionId }));
    // `if __name__ == "__main__": main()` starts the program once, like a command (see `startupOnly`);
    // a call in a loop that runs on and on (`for line in sys.stdin:`, `while not stop.is_set():`) runs at run time.
    if (directCalls.some((c) => inRepeatLoop(siteOf(c)) || (c.call.enclosingFunctionId === null && inMainBlock(c.file, c.call.span.start) && inLoop(c.file, c.call.span.start)))
      || (instanceCalls.get(globalId) ?? []).some(inRepeatLoop)) {
      entry.push(globalId);
      continue;
    }
    if (directCalls.some((c) => c.call.enclosingFunctionId === null && inMainBlock(c.file, c.call.span.start))) startupEntry.push(globalId);
    const decorations = decoratorSites.get(globalId) ?? [];
    const viaInstances = (instanceCalls.get(globalId) ?? []).filter((site) => !fromTest(site));
    if (decorations.length + directCalls.length + viaInstances.length > 0) {
      for (const d of decorations) dependOn(d.site, globalId);
      for (const c of directCalls) dependOn({ file: c.file, functionId: c.call.enclosingFunctionId }, globalId);
      for (const site of viaInstances) dependOn(site, globalId);
      continue;
    }
    // `def plugin(cls): …; return cls` is a registering decorator; `def record(res): …; return res`
    // (store and hand back) is plain run-time code.
    const decoratorShaped = (file.caches.returnsFirstParam.includes(fn.id) && firstParamIsDecorated(fn))
      // Shaped like a decorator (`def on_exit(func)`), and it hands something back: a decorator
      // has to, or the decorated name would be bound to None.
      || (looksLikeDecorator(fn, DECORATOR_PARAM_STRICT) && file.caches.returnsValue.includes(fn.id));
    const deleted = fn.classId === null && file.caches.deletedNames.includes(fn.name);
    if (REGISTRATION_API.test(fn.name) && !decoratorShaped && !deleted) registrationApis.add(globalId);
    const importHelper = deleted || REGISTRATION_NAME.test(fn.name) || decoratorShaped;
    if (!importHelper) entry.push(globalId);
  }
  // Functions that only call each other (`value()` ↔ `_evaluate()` of a spreadsheet, mutually
  // recursive parsers) and that nothing outside the group calls: like a function nothing calls,
  // they are an API that runs at run time. Found as the dependents no other caller reaches.
  const reached = new Set<string>();
  const walk = [...callees.keys()].filter((id) => !dependents.has(id)).concat([...calledAtModuleLevel]);
  while (walk.length > 0) {
    const id = walk.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const next of callees.get(id) ?? []) if (!reached.has(next)) walk.push(next);
  }
  for (const id of dependents) if (!reached.has(id)) entry.push(id);
  const queue = [...entry];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (runtime.has(id)) continue;
    runtime.add(id);
    for (const next of callees.get(id) ?? []) if (!runtime.has(next)) queue.push(next);
  }
  const startup = startupOnly(project, startupEntry, callees, runtime, globalIds, (callee) => [...(instanceCalls.get(callee) ?? []),
    ...(lastPart(callee) === '__init__' ? instantiations.get(callee.slice(0, -'.__init__'.length)) ?? [] : [])]);

  const isRuntime = (file: FileFacts, functionId: string | null, offset?: number): boolean => {
    if (offset !== undefined && inRepeatLoop({ file, functionId, offset })) return true;
    if (functionId === null) return false;
    const globalId = `${file.module.name}.${functionId}`;
    return runtime.has(globalId) || startup.has(globalId) || !project.functions.has(globalId);
  };
  const isEntryPoint = (file: FileFacts, functionId: string | null): boolean => {
    if (functionId === null) return false;
    const globalId = `${file.module.name}.${functionId}`;
    return !decoratorSites.has(globalId) && !referenced.has(globalId) && !(project.callsTo.get(globalId)?.length)
      && !instanceCalls.has(globalId);
  };
  const isRegistrationApi = (file: FileFacts, functionId: string | null): boolean =>
    functionId !== null && registrationApis.has(`${file.module.name}.${functionId}`);
  const isStartupOnly = (file: FileFacts, functionId: string | null): boolean => {
    const globalId = functionId === null ? undefined : `${file.module.name}.${functionId}`;
    return globalId !== undefined && startup.has(globalId) && !runtime.has(globalId);
  };
  return Object.assign(isRuntime, { isEntryPoint, isRegistrationApi, isStartupOnly });
}

/**
 * `def deco(fn)` / `def validator(_func=None, *, pre=False)`: the first positional parameter is
 * named like a function or class, and any others are optional or keyword-only.
 */
function looksLikeDecorator(fn: FunctionFact, names = DECORATED_PARAM): boolean {
  const params = fn.params.filter((p) => !(fn.classId !== null && p === fn.params[0]));
  const [first, ...rest] = params;
  if (!first || first.kind !== 'positional' || !names.test(first.name)) return false;
  return rest.every((p) => p.kind === 'keyword-only' || p.kind === 'var-keyword' || (p.kind === 'positional' && p.hasDefault));
}

/** The first parameter (after `self`/`cls` of a method) is named like what a decorator receives. */
function firstParamIsDecorated(fn: FunctionFact): boolean {
  const first = fn.params.find((p, i) => !(fn.classId !== null && fn.kind !== 'staticmethod' && i === 0));
  return !!first && (DECORATED_PARAM.test(first.name) || REGISTERED_PARAM.test(first.name));
}

/** Names a registering decorator gives what it registers, besides the plain function/class names. */
const REGISTERED_PARAM = /^_*(obj|o|c|kls|subclass|plugin|plugin_cls|model|model_cls|command|cmd|action|hook|listener|view_func|view_class|test|check|converter|adapter|codec|provider|factory|fixture|task|job|signal|rule|filter|extension|ext)$/;
const DECORATED_PARAM = /^_*(f|fn|func|function|funct|method|meth|cls|klass|class_|wrapped|decorated|callback|cb|handler|view|target|obj_type|user_function|implementation|impl|original|orig|fget)$/;
/** For top-level functions, where `callback`/`handler` parameters suggest run-time plumbing instead. */
const DECORATOR_PARAM_STRICT = /^_*(f|fn|func|function|funct|method|meth|cls|klass|class_|wrapped|decorated|user_function)$/;

/** Command-line libraries whose decorated commands run once per invocation. */
const CLI_LIBRARY = /^(click|asyncclick|rich_click|cloup|typer)(\.|$)/;
const CLI_COMMAND_DECORATOR = /\.(command|group)$/;

/**
 * `@click.command()`, `@cli.command()` on a click group, `@app.command()` on a typer app: the
 * function is a command of a command-line program. A project decorator merely named `command`
 * counts only in a module that imports a command-line library. (A command looping forever is
 * taken for run time before this is asked: see `loopsForever`.)
 */
function isCliCommand(fn: FunctionFact, file: FileFacts): boolean {
  if (fn.parentFunctionId !== null) return false;
  return fn.decorators.some((d) => {
    const name = d.qualifiedName;
    if (!name || !CLI_COMMAND_DECORATOR.test(name)) return false;
    return CLI_LIBRARY.test(name) || file.imports.some((i) => CLI_LIBRARY.test(i.target));
  });
}

function inMainBlock(file: FileFacts, offset: number): boolean {
  return file.caches.mainBlocks.some((b) => offset >= b.start && offset < b.end);
}

/** The offset is inside a loop in a function body or a `__main__` block (see `loopSpans`). */
function inLoop(file: FileFacts, offset: number): boolean {
  const spans = file.caches.loopSpans ?? [];
  for (let i = 0; i < spans.length; i += 2) if (offset >= spans[i]! && offset < spans[i + 1]!) return true;
  return false;
}

function siteOf({ file, call }: { readonly file: FileFacts; readonly call: CallFact }): Site {
  return { file, functionId: call.enclosingFunctionId, offset: call.span.start };
}

/**
 * Functions the program's start (`if __name__ == "__main__":`) reaches only through calls outside
 * loops: they run once per run. A call in a loop there (`for row in rows: process(row)`) may run any
 * number of times: the callee, and what it calls, is plain run time (added to `runtime`).
 */
function startupOnly(project: CacheProject, roots: readonly string[], callees: ReadonlyMap<string, readonly string[]>, runtime: Set<string>,
  globalIds: ReadonlyMap<FileFacts, ReadonlyMap<string, string>>, otherSites: (calleeId: string) => readonly Site[]): Set<string> {
  const startup = new Set<string>();
  const calledInLoop = (callerId: string, calleeId: string): boolean =>
    [...(project.callsTo.get(calleeId) ?? []).map(siteOf), ...otherSites(calleeId)].some((s) => s.functionId !== null && s.offset !== undefined
      && globalIds.get(s.file)?.get(s.functionId) === callerId && inLoop(s.file, s.offset));
  for (const queue = [...roots]; queue.length > 0;) {
    const id = queue.pop()!;
    if (runtime.has(id) || startup.has(id)) continue;
    startup.add(id);
    for (const next of callees.get(id) ?? []) {
      if (runtime.has(next) || startup.has(next)) continue;
      if (!calledInLoop(id, next)) queue.push(next);
      else for (const more = [next]; more.length > 0;) {
        const r = more.pop()!;
        if (runtime.has(r)) continue;
        runtime.add(r);
        startup.delete(r);
        for (const n of callees.get(r) ?? []) if (!runtime.has(n)) more.push(n);
      }
    }
  }
  return startup;
}

/** The site is inside a loop of its function (or module code) that runs again and again: see `repeatLoops`. */
function inRepeatLoop({ file, functionId, offset }: Site): boolean {
  return offset !== undefined && !!file.caches.repeatLoops?.some((l) => l.functionId === functionId && offset >= l.start && offset < l.end);
}

function lastPart(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf('.') + 1);
}

/**
 * `self.cache` of a class-based decorator (`__init__(self, func)` plus `__call__`): each
 * instance replaces a function for the life of the program, so its attributes are long-lived.
 */
export function isDecoratorInstanceContainer(project: CacheProject, linked: LinkedContainer): boolean {
  const { container, file } = linked;
  if (container.scope !== 'instance' || container.ownerId === null) return false;
  const init = project.functions.get(`${file.module.name}.${container.ownerId}.__init__`);
  const call = project.functions.get(`${file.module.name}.${container.ownerId}.__call__`);
  return !!init && !!call && looksLikeDecorator(init.fn, DECORATOR_PARAM_STRICT);
}

/**
 * `REGISTRY[name] = import_module(name)` in a function the program's start calls once
 * (`main()` → `load_plugins(cfg)`): set-up, one entry per configured name, not per request.
 * An append there (`_plugins.append(import_module(name))`) runs as often: once per configured item.
 */
const STARTUP_GROW_METHODS = new Set(['[]=', 'setdefault', 'update', 'add', 'append', 'extend', 'insert']);
export function isStartupSetup({ file, use }: LinkedUse, runtime: RuntimeOracle): boolean {
  if (!STARTUP_GROW_METHODS.has(use.method)) return false;
  return runtime.isStartupOnly(file, use.functionId) && !runtime(file, null, use.span.start);
}

/** Growth that accumulates: in a function that runs repeatedly at run time. */
export function runtimeGrowth(linked: LinkedContainer, runtime: RuntimeOracle): LinkedUse[] {
  // A closure container filled by its owner is built once per closure; only the closure's own writes accumulate.
  // A default argument (`def f(x, _memo={})`) is built once with the function: all its writes accumulate.
  const owner = linked.container.scope === 'closure' && !linked.container.isDefaultArgument ? linked.container.ownerId : null;
  // `d[k] += 1` adds a key only to a defaultdict or a Counter (a plain dict raises KeyError).
  const autoKeys = /defaultdict|Counter/.test(linked.container.valueText);
  return linked.uses.filter(({ file, use }) => use.op === 'grow' && use.functionId !== owner
    && (use.method !== '[]+=' || autoKeys) && runtime(file, use.functionId, use.span.start));
}

/**
 * A dict used to memoize: filled by key where it is also looked up, or named as a cache and filled
 * by key (also through a `cache_set(key, value)` helper, which stores its parameter as is).
 */
export function isMemoContainer(linked: LinkedContainer, growth: readonly LinkedUse[]): boolean {
  if (linked.container.type !== 'dict') return false;
  if (growth.some(({ use }) => use.memo)) return true;
  return /cache|memo/i.test(linked.container.name)
    && growth.some(({ use }) => use.method === '[]=' || use.method === 'setdefault');
}

/** A hand-rolled TTL cache: values stored with a timestamp and read back behind an expiry check. */
export function isTimestampedContainer(linked: LinkedContainer): boolean {
  return linked.container.type === 'dict'
    && linked.uses.some(({ use }) => use.op === 'grow' && (use.storesTimestamp || use.stampsIn !== undefined))
    && linked.uses.some(({ use }) => use.op === 'checkedRead');
}

/** A module-level constant (followed through imports and re-exports): what bound it sets. */
export function resolveConstant(project: CacheProject, qualifiedName: string, hops = 0): ConstantFact | undefined {
  if (hops > MAX_REEXPORT_HOPS) return undefined;
  const parts = qualifiedName.split('.');
  for (let cut = parts.length - 1; cut >= 1; cut--) {
    const module = project.modules.get(parts.slice(0, cut).join('.'));
    if (!module) continue;
    const rest = parts.slice(cut);
    if (rest.length === 1) {
      const constant = module.caches.constants.find((c) => c.name === rest[0]);
      if (constant) return constant;
    }
    const imported = module.imports.find((i) => i.scope === null && i.localName === rest[0]);
    return imported ? resolveConstant(project, [imported.target, ...rest.slice(1)].join('.'), hops + 1) : undefined;
  }
  return undefined;
}

/** Global ids of functions whose `cache_clear` is called or handed on anywhere in the project. */
export function clearedCaches(project: CacheProject): Set<string> {
  const out = new Set<string>();
  for (const file of project.files.values()) {
    for (const clear of file.caches.cacheClears) {
      const target = clear.target.startsWith('self.') || clear.target.startsWith('cls.')
        ? project.resolveCall(file, {
          span: clear.span, calleeText: clear.target, qualifiedName: clear.target,
          enclosingFunctionId: clear.functionId, args: [],
        })
        : project.resolveFunction(clear.target);
      if (target) out.add(target.globalId);
      else out.add(clear.target);
    }
  }
  return out;
}

/** An enum class (its members are a fixed set), directly or through bases defined in the project. */
export function isEnumClass(project: CacheProject, classGlobalId: string): boolean {
  const seen = new Set<string>();
  const queue = [classGlobalId];
  while (queue.length > 0 && seen.size < 64) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const base of project.classes.get(id)?.cls.bases ?? []) {
      if (base.qualifiedName === null) continue;
      if (isStdlibEnumBase(base.qualifiedName)) return true;
      const ref = project.resolveClass(base.qualifiedName);
      if (ref) queue.push(ref.globalId);
      else if (looksLikeEnumBase(base.qualifiedName)) return true;
    }
  }
  return false;
}

/**
 * Callers whose arguments say nothing about real use: module-level code, tests, and top-level demo
 * functions (`def demo():` at the bottom of a module). A method named `run` or `main` is not one:
 * `Thread.run` and `App.main` are where a program does its work.
 */
const DEMO_FUNCTION = /^(main|demo|example|examples|run|cli)$/i;
/** `PRESETS[name]`, `_TABLES[kind]`: a lookup in an UPPER_CASE table of constants. */
const CONSTANT_LOOKUP = /^_*[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)*\[[^[\]]*\]$/;
const TEST_CALLER = /^_*test/i;
/** A literal without quotes or escapes inside, a number, `True`/`False`/`None`, or a Capitalised (class, enum member) or UPPER_CASE name. */
const CONSTANT_TEXT = /^(?:'[^'\\\n]*'|"[^"\\\n]*"|-?\d[\d_.]*|True|False|None|_*[A-Z]\w*(?:\.[A-Z]\w*)*)$/;
/** `A if cond else B` (also chained): the branch value before `if`, and the rest after the first `else`. */
const CONDITIONAL_HEAD = /^('[^'\\\n]*'|"[^"\\\n]*"|\S+)\s+if\s+(?:(?!\belse\b)[\s\S])+?\s+else\s+([\s\S]+)$/;

/** Whether a conditional expression's text picks among constants only: `"eu" if free else "us"`. */
function isConstantChoice(text: string, depth = 0): boolean {
  const match = CONDITIONAL_HEAD.exec(text.trim());
  if (!match || depth > 8 || !CONSTANT_TEXT.test(match[1]!)) return false;
  const rest = match[2]!.trim();
  return CONSTANT_TEXT.test(rest) || isConstantChoice(rest, depth + 1);
}

/**
 * Whether every caller in the project (outside module-level, demo and test code; at least one)
 * passes a constant for parameter `param` of function `globalId` — a literal, a module constant,
 * a class or an enum member, a choice between constants, an entry of an UPPER_CASE table, or a
 * loop variable over a fixed set — or leaves it to its default.
 */
export function callerConstantsOracle(project: CacheProject): (globalId: string, param: string) => boolean {
  const memo = new Map<string, boolean>();
  const isConstantArg = (arg: ArgFact): boolean => {
    // An f-string is built at run time: as open-ended as its parts.
    if (arg.kind === 'string') return !/^[a-eg-z]*f/i.test(arg.text);
    if (arg.kind === 'number' || arg.kind === 'none') return true;
    // `PRESETS[name]`: a value looked up in an UPPER_CASE table of constants is one of its values.
    if (arg.kind === 'other' && CONSTANT_LOOKUP.test(arg.text)) return true;
    // `"eu" if tier is Tier.FREE else "us"`: one of its branches, each a constant.
    if (arg.kind === 'other' && isConstantChoice(arg.text)) return true;
    if (arg.kind !== 'name' && arg.kind !== 'attribute') return arg.text === 'True' || arg.text === 'False';
    // Classes are Capitalised and constants UPPER_CASE: either way one of a fixed set.
    if (/^_*[A-Z]/.test(lastPart(arg.text))) return true;
    if (!arg.qualifiedName) return false;
    return !!project.resolveClass(arg.qualifiedName) || !!resolveConstant(project, arg.qualifiedName);
  };
  const callersPassConstants = (globalId: string, param: string): boolean => {
    const entry = project.functions.get(globalId);
    if (!entry) return false;
    const { fn } = entry;
    const index = fn.params.findIndex((p) => p.name === param);
    const spec = fn.params[index];
    if (!spec || spec.kind === 'var-positional' || spec.kind === 'var-keyword') return false;
    const bound = fn.kind === 'method' || fn.kind === 'classmethod' || fn.kind === 'property' ? 1 : 0;
    let evidence = 0;
    for (const { call, file } of project.callsTo.get(globalId) ?? []) {
      const caller = call.enclosingFunctionId;
      if (caller === null || TEST_CALLER.test(lastPart(caller)) || TEST_MODULE.test(file.module.path)) continue;
      if (!caller.includes('.') && DEMO_FUNCTION.test(caller)) continue;
      const positional = call.args.filter((a) => a.keyword === null);
      const splatAt = positional.findIndex((a) => a.kind === 'splat');
      const arg = call.args.find((a) => a.keyword === param)
        ?? (spec.kind === 'positional' ? positional[index - bound] : undefined);
      if (arg?.kind === 'splat' || (splatAt >= 0 && splatAt <= index - bound) || call.args.some((a) => a.keyword === null && a.text.startsWith('**'))) return false;
      // Not passed: the default, a constant. A loop variable over a fixed set is one of its constants.
      if (arg && !isConstantArg(arg) && !file.caches.fixedLoopArgs?.includes(`${call.span.start}:${arg.text}`)) return false;
      if (!arg && !spec.hasDefault) return false;
      evidence++;
    }
    return evidence > 0;
  };
  return (globalId, param) => {
    const key = `${globalId}\u0000${param}`;
    let known = memo.get(key);
    if (known === undefined) memo.set(key, (known = callersPassConstants(globalId, param)));
    return known;
  };
}

/**
 * Whether a store by key can only ever add a few keys: the key comes from a fixed set (see
 * `keyBounded`), is a parameter annotated with an enum, or is a parameter that every caller in
 * the project (outside module-level and demo code) passes a constant for — a literal, a module
 * constant, a class or an enum member (`Kind.USER`, `Text`, `_ALPHABET`). With a run-time oracle,
 * also a key looped over a module container that is filled only at import time and never handed
 * out (`for name in _jobs: _last_run[name] = now`, with `_jobs` filled by a decorator).
 */
export function boundedKeyOracle(project: CacheProject, runtime: RuntimeOracle): (file: FileFacts, use: ContainerUseFact) => boolean {
  const fixedSources = new Map<string, boolean>();
  const fixedSource = (globalKey: string): boolean => {
    let known = fixedSources.get(globalKey);
    if (known !== undefined) return known;
    const source = linkContainers(project).get(globalKey);
    known = !!source && source.container.scope === 'module'
      && !source.uses.some(({ use }) => use.op === 'escape' || (use.op === 'reassign' && !use.isDefinition))
      && runtimeGrowth(source, runtime).every((g) => isStartupSetup(g, runtime));
    fixedSources.set(globalKey, known);
    return known;
  };
  const callersPassConstants = callerConstantsOracle(project);
  const enumAnnotation = (annotation: string): boolean => {
    const cls = project.resolveClass(annotation);
    return !!cls && isEnumClass(project, cls.globalId);
  };
  return (file, use) => {
    if (use.keyBounded) return true;
    if (use.keyLoopContainer !== undefined && fixedSource(use.keyLoopContainer.includes('.') ? use.keyLoopContainer : `${file.module.name}.${use.keyLoopContainer}`)) return true;
    if (use.keyAnnotation && enumAnnotation(use.keyAnnotation)) return true;
    if (use.keyParts && use.functionId !== null) {
      const globalId = `${file.module.name}.${use.functionId}`;
      return use.keyParts.every((part) => (part.keyAnnotation !== undefined && enumAnnotation(part.keyAnnotation))
        || (part.keyParam !== undefined && callersPassConstants(globalId, part.keyParam)));
    }
    if (use.keyParam === undefined || use.functionId === null) return false;
    return callersPassConstants(`${file.module.name}.${use.functionId}`, use.keyParam);
  };
}
