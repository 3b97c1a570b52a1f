// The per-file semantic model: scopes, bindings and imports, and name resolution on top of them.
import { field, walk, type SyntaxNode } from '../source/syntax.js';
import type { SourceText } from '../source/source-text.js';
import type { ImportFact, ModuleInfo } from './types.js';
import { PYTHON_BUILTINS } from './builtins.js';

export type ScopeKind = 'module' | 'class' | 'function' | 'lambda' | 'comprehension';

export interface Scope {
  readonly kind: ScopeKind;
  readonly node: SyntaxNode;
  readonly parent: Scope | null;
  /** Dotted id of the function or class this scope belongs to (`Service.load`), '' for the module. */
  readonly id: string;
  /** Names assigned, defined or imported here. */
  readonly bindings: Map<string, Binding>;
  /** Names declared `global` or `nonlocal` here: they are not local bindings. */
  readonly declaredOuter: Set<string>;
}

export type Binding =
  | { readonly kind: 'import'; readonly fact: ImportFact }
  | { readonly kind: 'function' | 'class'; readonly node: SyntaxNode }
  | { readonly kind: 'parameter' | 'assignment' | 'other'; readonly node: SyntaxNode };

const SCOPE_TYPES: Readonly<Record<string, ScopeKind>> = {
  function_definition: 'function',
  class_definition: 'class',
  lambda: 'lambda',
  list_comprehension: 'comprehension',
  set_comprehension: 'comprehension',
  dictionary_comprehension: 'comprehension',
  generator_expression: 'comprehension',
};

export const COMPREHENSION_TYPES: ReadonlySet<string> = new Set([
  'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression',
]);

export class SemanticModel {
  readonly module: ModuleInfo;
  readonly source: SourceText;
  readonly root: SyntaxNode;
  readonly imports: ImportFact[] = [];
  private readonly scopes = new Map<SyntaxNode, Scope>();
  private readonly scopeOfPlainNode = new Map<SyntaxNode, Scope>();

  constructor(root: SyntaxNode, source: SourceText, module: ModuleInfo) {
    this.root = root;
    this.source = source;
    this.module = module;
    this.collectScopes();
  }

  get moduleScope(): Scope {
    return this.scopes.get(this.root)!;
  }

  scopeFor(node: SyntaxNode): Scope | undefined {
    return this.scopes.get(node);
  }

  /** The innermost scope that contains `node` (a def's own name belongs to the outer scope). */
  scopeOf(node: SyntaxNode): Scope {
    // Memoized per plain ancestor: rules ask this for many nodes, and a walk up every time is
    // quadratic on deeply nested code. Only nodes inside a scope's body (or at module level)
    // are remembered: inside a parameter list, names and default values differ in scope.
    const visited: SyntaxNode[] = [];
    let found: Scope = this.moduleScope;
    for (let p = node.parent; p; p = p.parent) {
      const known = this.scopeOfPlainNode.get(p);
      if (known) {
        found = known;
        break;
      }
      const scope = this.scopes.get(p);
      if (!scope) {
        visited.push(p);
        continue;
      }
      const inBody = isInsideField(node, p, 'body');
      // A default value, decorator or base class is evaluated in the enclosing scope.
      if ((scope.kind === 'function' || scope.kind === 'class' || scope.kind === 'lambda') && !inBody) {
        const inOwnScope = isInBodyOf(node, p);
        visited.length = 0;
        if (inOwnScope) return scope;
        continue;
      }
      found = scope;
      break;
    }
    for (const v of visited) this.scopeOfPlainNode.set(v, found);
    return found;
  }

  /** The nearest enclosing function (or lambda-free function scope) id, or null at module level. */
  enclosingFunctionId(node: SyntaxNode): string | null {
    for (let scope: Scope | null = this.scopeOf(node); scope; scope = scope.parent) {
      if (scope.kind === 'function') return scope.id;
      if (scope.kind === 'module') return null;
    }
    return null;
  }

  /** Where a name used at `node` is bound, following Python's LEGB lookup (class scopes skipped inward). */
  lookup(name: string, node: SyntaxNode): { scope: Scope; binding: Binding } | undefined {
    let scope: Scope | null = this.scopeOf(node);
    const start = scope;
    for (; scope; scope = scope.parent) {
      if (scope.kind === 'class' && scope !== start) continue;
      if (scope.declaredOuter.has(name)) continue;
      const binding = scope.bindings.get(name);
      if (binding) return { scope, binding };
    }
    return undefined;
  }

  /**
   * What a dotted name used at `node` stands for: `ft.lru_cache` → `functools.lru_cache`,
   * `load` (defined at module level) → `pkg.mod.load`, `len` → `builtins.len`.
   * Null for locals, parameters and unknown names.
   */
  resolveDotted(dotted: string, node: SyntaxNode): string | null {
    const dot = dotted.indexOf('.');
    const head = dot < 0 ? dotted : dotted.slice(0, dot);
    const rest = dot < 0 ? '' : dotted.slice(dot);
    const found = this.lookup(head, node);
    if (!found) return PYTHON_BUILTINS.has(head) ? `builtins.${head}${rest}` : null;
    const { scope, binding } = found;
    if (binding.kind === 'import') {
      // `import os.path` binds `os`: `os.path.join` resolves to itself.
      const target = binding.fact.kind === 'module' && binding.fact.target.startsWith(`${head}.`) ? head : binding.fact.target;
      return `${target}${rest}`;
    }
    if (scope.kind === 'module') return `${this.module.name}.${dotted}`;
    if (scope.kind === 'class' && (binding.kind === 'function' || binding.kind === 'class')) {
      return `${this.module.name}.${scope.id}.${dotted}`;
    }
    return null;
  }

  /** Resolve an identifier or attribute chain node; null for anything else. */
  resolveExpression(node: SyntaxNode): string | null {
    const dotted = dottedName(node);
    return dotted === null ? null : this.resolveDotted(dotted, node);
  }

  private collectScopes(): void {
    const moduleScope = makeScope('module', this.root, null, '');
    this.scopes.set(this.root, moduleScope);
    walk(this.root, this.collectNode.bind(this));
  }

  private collectNode(node: SyntaxNode): void {
    const kind = SCOPE_TYPES[node.type];
    if (kind && node !== this.root) {
      const parent = this.scopeOf(node);
      const name = kind === 'function' || kind === 'class' ? (field(node, 'name')?.text ?? '?') : `<${kind}>`;
      const id = parent.id === '' ? name : `${parent.id}.${name}`;
      const scope = makeScope(kind, node, parent, id);
      this.scopes.set(node, scope);
      if (kind === 'function' || kind === 'class') parent.bindings.set(name, { kind, node });
      if (kind === 'function' || kind === 'lambda') this.bindParameters(node, scope);
    }
    this.collectBinding(node);
  }

  private bindParameters(fn: SyntaxNode, scope: Scope): void {
    const params = field(fn, 'parameters');
    if (!params) return;
    for (const p of params.children) {
      const name = parameterName(p);
      if (name) scope.bindings.set(name.text, { kind: 'parameter', node: p });
    }
  }

  private collectBinding(node: SyntaxNode): void {
    switch (node.type) {
      case 'assignment':
      case 'augmented_assignment':
        this.bindTargets(field(node, 'left'), node);
        break;
      case 'for_statement':
        this.bindTargets(field(node, 'left'), node);
        break;
      case 'for_in_clause':
        this.bindTargets(field(node, 'left'), node);
        break;
      case 'named_expression': {
        // Walrus in a comprehension binds in the enclosing function (PEP 572).
        let scope = this.scopeOf(node);
        while (scope.kind === 'comprehension' && scope.parent) scope = scope.parent;
        const name = field(node, 'name');
        if (name) scope.bindings.set(name.text, { kind: 'assignment', node });
        break;
      }
      case 'as_pattern_target':
        this.bindTargets(node.children[0], node);
        break;
      case 'global_statement':
      case 'nonlocal_statement':
        for (const c of node.children) if (c.type === 'identifier') this.scopeOf(node).declaredOuter.add(c.text);
        break;
      case 'import_statement':
      case 'import_from_statement':
        this.collectImport(node);
        break;
    }
  }

  private bindTargets(target: SyntaxNode | undefined, at: SyntaxNode): void {
    if (!target) return;
    const scope = this.scopeOf(at.type === 'for_in_clause' ? target : at);
    walk(target, (n) => {
      if (n.type === 'identifier') {
        if (!scope.bindings.has(n.text)) scope.bindings.set(n.text, { kind: 'assignment', node: at });
        return false;
      }
      // `a.b = …` and `a[i] = …` bind nothing.
      return n.type !== 'attribute' && n.type !== 'subscript';
    });
  }

  private collectImport(node: SyntaxNode): void {
    const scope = this.scopeOf(node);
    const scopeId = scope.kind === 'module' || scope.kind === 'class' ? null : scope.id;
    const add = (localName: string, target: string, kind: ImportFact['kind'], at: SyntaxNode) => {
      const fact: ImportFact = { localName, target, kind, scope: scopeId, span: this.source.span(at.start, at.end) };
      this.imports.push(fact);
      scope.bindings.set(localName, { kind: 'import', fact });
    };
    if (node.type === 'import_statement') {
      for (const item of node.children.filter((c) => c.field === 'name')) {
        if (item.type === 'aliased_import') {
          const target = dottedName(field(item, 'name')!) ?? '';
          add(field(item, 'alias')?.text ?? target, target, 'module', item);
        } else {
          const target = dottedName(item) ?? '';
          add(target.split('.')[0]!, target, 'module', item);
        }
      }
      return;
    }
    const moduleNode = field(node, 'module_name');
    if (!moduleNode) return;
    const from = absoluteModule(moduleNode, this.module);
    for (const item of node.children.filter((c) => c.field === 'name')) {
      const nameNode = item.type === 'aliased_import' ? field(item, 'name')! : item;
      const name = dottedName(nameNode) ?? '';
      const local = item.type === 'aliased_import' ? (field(item, 'alias')?.text ?? name) : name;
      add(local, from ? `${from}.${name}` : name, 'member', item);
    }
  }
}

function makeScope(kind: ScopeKind, node: SyntaxNode, parent: Scope | null, id: string): Scope {
  return { kind, node, parent, id, bindings: new Map(), declaredOuter: new Set() };
}

function isInsideField(node: SyntaxNode, owner: SyntaxNode, name: string): boolean {
  const part = field(owner, name);
  return !!part && node.start >= part.start && node.end <= part.end;
}

/** True when `node` lies in the part of `owner` that runs in owner's own scope. */
function isInBodyOf(node: SyntaxNode, owner: SyntaxNode): boolean {
  if (owner.type === 'lambda') {
    const body = field(owner, 'body');
    return !!body && node.start >= body.start && node.end <= body.end;
  }
  const body = field(owner, 'body');
  if (body && node.start >= body.start && node.end <= body.end) return true;
  // Parameter names (not their defaults) belong to the function's scope.
  const params = field(owner, 'parameters');
  if (params && node.start >= params.start && node.end <= params.end) {
    for (let p: SyntaxNode | null = node; p && p !== params; p = p.parent) {
      if (p.field === 'value' || p.field === 'type') return false;
    }
    return true;
  }
  return false;
}

/** The identifier a parameter node binds, if any. */
export function parameterName(p: SyntaxNode): SyntaxNode | undefined {
  switch (p.type) {
    case 'identifier':
      return p;
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
      return p.children.find((c) => c.type === 'identifier');
    case 'default_parameter':
    case 'typed_default_parameter':
      return field(p, 'name');
    default:
      return undefined;
  }
}

/** `a`, `a.b.c` for identifier/attribute chains; null for anything else (calls, subscripts…). */
export function dottedName(node: SyntaxNode): string | null {
  // Built back to front as one string: this runs for most names of every file (no arrays).
  let suffix = '';
  let n: SyntaxNode | undefined = node;
  while (n) {
    if (n.type === 'identifier') return n.text + suffix;
    if (n.type === 'dotted_name') {
      return n.children.filter((c) => c.type === 'identifier').map((c) => c.text).join('.') + suffix;
    }
    if (n.type !== 'attribute') return null;
    const attr = field(n, 'attribute');
    if (!attr) return null;
    suffix = `.${attr.text}${suffix}`;
    n = field(n, 'object');
  }
  return null;
}

/** `from ..pkg import x` inside `a.b.mod` → `a.pkg`. */
function absoluteModule(moduleNode: SyntaxNode, module: ModuleInfo): string {
  if (moduleNode.type !== 'relative_import') return dottedName(moduleNode) ?? '';
  const prefix = moduleNode.children.find((c) => c.type === 'import_prefix');
  const dots = prefix ? prefix.end - prefix.start : 0;
  const rest = moduleNode.children.find((c) => c.type === 'dotted_name');
  const packageParts = module.name.split('.');
  // A module's package is its name minus the last part; a package's __init__ is its own package.
  if (!module.isPackageInit) packageParts.pop();
  const base = packageParts.slice(0, Math.max(0, packageParts.length - (dots - 1)));
  const tail = rest ? dottedName(rest) : null;
  return [...base, ...(tail ? [tail] : [])].join('.');
}
