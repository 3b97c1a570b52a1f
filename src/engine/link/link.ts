// Tier 2: link every file's facts into one project graph (module resolution, call graph). Pure.
import type { CallFact, FileFacts, FunctionFact, ImportFact } from '../facts/types.js';
import type { CallSite, ClassRef, FunctionRef, ProjectGraph } from './types.js';

/** Re-export chains longer than this are treated as unresolvable (and cycles end here). */
const MAX_REEXPORT_HOPS = 8;

export function linkProject(files: ReadonlyMap<string, FileFacts>): ProjectGraph {
  const ordered = new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const modules = indexModules(ordered);
  const functions = new Map<string, FunctionRef>();
  const classes = new Map<string, ClassRef>();
  for (const file of ordered.values()) {
    for (const fn of file.functions) {
      const globalId = `${file.module.name}.${fn.id}`;
      if (!functions.has(globalId)) functions.set(globalId, { globalId, file, fn });
    }
    for (const cls of file.classes) {
      const globalId = `${file.module.name}.${cls.id}`;
      if (!classes.has(globalId)) classes.set(globalId, { globalId, file, cls });
    }
  }

  // Module-level imports by local name (the first one wins, as a scan in source order would find).
  const moduleImports = new Map<FileFacts, Map<string, ImportFact>>();
  const importsOf = (module: FileFacts): Map<string, ImportFact> => {
    let byName = moduleImports.get(module);
    if (!byName) {
      byName = new Map();
      for (const i of module.imports) if (i.scope === null && !byName.has(i.localName)) byName.set(i.localName, i);
      moduleImports.set(module, byName);
    }
    return byName;
  };

  // The graph never changes once built, so a name resolves the same way every time it is asked:
  // project rules ask for the same names over and over (every call, base class and decorator).
  const resolved = new Map<string, FunctionRef | ClassRef | null>();
  const lookup = (qualifiedName: string, hops: number): FunctionRef | ClassRef | undefined => {
    if (hops === 0) {
      let found = resolved.get(qualifiedName);
      if (found === undefined) resolved.set(qualifiedName, (found = lookupUncached(qualifiedName, 0) ?? null));
      return found ?? undefined;
    }
    return lookupUncached(qualifiedName, hops);
  };
  const lookupUncached = (qualifiedName: string, hops: number): FunctionRef | ClassRef | undefined => {
    if (hops > MAX_REEXPORT_HOPS) return undefined;
    const direct = functions.get(qualifiedName) ?? classes.get(qualifiedName);
    if (direct) return direct;
    // Split into the longest known module prefix and the rest; follow the module's imports.
    const parts = qualifiedName.split('.');
    for (let cut = parts.length - 1; cut >= 1; cut--) {
      const module = modules.get(parts.slice(0, cut).join('.'));
      if (!module) continue;
      const [head, ...rest] = parts.slice(cut);
      const imported = importsOf(module).get(head!);
      if (imported) return lookup([imported.target, ...rest].join('.'), hops + 1);
      // `Class.method` where the method is inherited.
      const cls = classes.get(`${module.module.name}.${head}`);
      if (cls && rest.length === 1) return findMethod(cls, rest[0]!);
      return undefined;
    }
    return undefined;
  };

  const findMethod = (cls: ClassRef, name: string, seen = new Set<string>()): FunctionRef | undefined => {
    if (seen.has(cls.globalId)) return undefined;
    seen.add(cls.globalId);
    const own = functions.get(`${cls.globalId}.${name}`);
    if (own) return own;
    for (const base of cls.cls.bases) {
      const baseRef = base.qualifiedName ? lookup(base.qualifiedName, 0) : undefined;
      if (baseRef && 'cls' in baseRef) {
        const found = findMethod(baseRef, name, seen);
        if (found) return found;
      }
    }
    return undefined;
  };

  // Per class, by method name: the answers never change, and half the calls are `self.x(...)`.
  const methods = new Map<ClassRef, Map<string, FunctionRef | undefined>>();
  const findMethodOnce = (cls: ClassRef, name: string): FunctionRef | undefined => {
    let byName = methods.get(cls);
    if (!byName) methods.set(cls, (byName = new Map()));
    if (byName.has(name)) return byName.get(name);
    const found = findMethod(cls, name);
    byName.set(name, found);
    return found;
  };

  const resolveFunction = (qualifiedName: string): FunctionRef | undefined => {
    const found = lookup(qualifiedName, 0);
    return found && 'fn' in found ? found : undefined;
  };
  const resolveClass = (qualifiedName: string): ClassRef | undefined => {
    const found = lookup(qualifiedName, 0);
    return found && 'cls' in found ? found : undefined;
  };

  // The class of `self` in each function of each file: asked once per function, not once per call
  // (`findMethodOnce` then answers `self.name` once per class and name).
  const selfClasses = new Map<FileFacts, Map<string, ClassRef | null>>();
  const selfClassOf = (file: FileFacts, functionId: string): ClassRef | undefined => {
    let byFunction = selfClasses.get(file);
    if (!byFunction) selfClasses.set(file, (byFunction = new Map()));
    let cls = byFunction.get(functionId);
    if (cls === undefined) {
      const classId = functions.get(`${file.module.name}.${functionId}`)?.fn.classId;
      cls = (classId ? classes.get(`${file.module.name}.${classId}`) : undefined) ?? null;
      byFunction.set(functionId, cls);
    }
    return cls ?? undefined;
  };
  const resolveCall = (file: FileFacts, call: CallFact): FunctionRef | undefined => {
    const name = call.qualifiedName;
    if (!name) return undefined;
    // `self.method` / `cls.method` (one name after the receiver), without splitting the name.
    const dot = name.indexOf('.');
    const isSelf = (dot === 4 && name.startsWith('self')) || (dot === 3 && name.startsWith('cls'));
    if (isSelf && dot + 1 < name.length && name.indexOf('.', dot + 1) === -1) {
      const cls = call.enclosingFunctionId === null ? undefined : selfClassOf(file, call.enclosingFunctionId);
      return cls ? findMethodOnce(cls, name.slice(dot + 1)) : undefined;
    }
    return resolveFunction(name);
  };

  const callsTo = new Map<string, CallSite[]>();
  const callTargets = new Map<FileFacts, (FunctionRef | undefined)[]>();
  for (const file of ordered.values()) {
    const targets: (FunctionRef | undefined)[] = new Array(file.calls.length);
    file.calls.forEach((call, i) => {
      const target = resolveCall(file, call);
      if (!target) return;
      targets[i] = target;
      let sites = callsTo.get(target.globalId);
      if (!sites) callsTo.set(target.globalId, (sites = []));
      sites.push({ file, call, target });
    });
    callTargets.set(file, targets);
  }

  // Built when first asked: only calls on receivers of unknown class look methods up by name.
  let methodsByName: Map<string, FunctionRef[]> | undefined;
  const methodsNamed = (name: string): readonly FunctionRef[] => {
    if (!methodsByName) {
      methodsByName = new Map();
      for (const ref of functions.values()) {
        if (ref.fn.classId === null) continue;
        const list = methodsByName.get(ref.fn.name);
        if (list) list.push(ref);
        else methodsByName.set(ref.fn.name, [ref]);
      }
    }
    return methodsByName.get(name) ?? [];
  };

  return {
    files: ordered,
    modules,
    functions,
    classes,
    callsTo,
    callTargets: (file: FileFacts) => callTargets.get(file) ?? [],
    resolveCall,
    resolveFunction,
    resolveClass,
    findMethod: findMethodOnce,
    methodsNamed,
    globalId: (file: FileFacts, fn: FunctionFact) => `${file.module.name}.${fn.id}`,
  };
}

/** Module name → facts. When two files claim one name (scripts in different folders), the first wins. */
function indexModules(files: ReadonlyMap<string, FileFacts>): Map<string, FileFacts> {
  const modules = new Map<string, FileFacts>();
  for (const file of files.values()) {
    if (!modules.has(file.module.name)) modules.set(file.module.name, file);
  }
  return modules;
}
