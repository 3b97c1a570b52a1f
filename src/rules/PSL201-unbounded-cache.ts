// PSL201: a cache with no size bound — `lru_cache(maxsize=None)`, `@cache`, `cached(cache={})`,
// an infinite cachetools cache, or a module/class/closure dict used as a memo that nothing empties.
import { boundedKeyOracle, boundingUses, callerConstantsOracle, clearedCaches, isDecoratorInstanceContainer, isEnumClass, isFieldDefault, isMemoContainer, isTimestampedContainer, linkContainers, resolveConstant, runtimeGrowth, runtimeOracle, type CacheProject, type LinkedContainer } from '../engine/link/caches.js';
import type { CacheSiteFact } from '../engine/facts/cache-types.js';
import type { FileFacts } from '../engine/facts/types.js';
import type { EditInput } from '../engine/run/rule.js';
import { defineRule } from '../engine/run/rule.js';
import type { Span } from '../engine/types.js';

/**
 * Caches whose store is per instance when they decorate a method (methodtools): PSL202's business,
 * not an unbounded global. On a plain function they keep one global store, like functools.
 */
const PER_INSTANCE_APIS = new Set(['methodtools.lru_cache']);

const SCOPE_WORDS: Readonly<Record<string, string>> = {
  module: 'Module-level',
  class: 'Class-level',
  closure: 'Closure',
  instance: 'Decorator-instance',
};

type Verdict = { readonly why: string; readonly valueSpan?: Span; readonly viaName?: string } | null;

export default defineRule({
  code: 'PSL201',
  name: 'unbounded-cache',
  family: 'cache-growth',
  tier: 'project',
  severity: 'warning',
  fixable: 'sometimes',
  precision: 'high',
  summary: 'A cache with no size limit: every distinct key stays in memory for the life of the process',
  messages: {
    unboundedSite: '`{cache}` is unbounded ({why}): every distinct argument it ever sees stays cached for the life of the process',
    unboundedMemo:
      '{scope} dict `{name}` memoizes results ({where}) but nothing in the project ever evicts from it: every key it sees stays for the life of the process',
  },
  fixTitle: 'Bound the cache (maxsize)',
  options: {
    defaultMaxsize: {
      type: 'number',
      default: 1024,
      description: 'The `maxsize` the fix gives an unbounded cache.',
    },
  },
  docs: {
    whatItDoes:
      'Checks for caches without a size bound: `functools.lru_cache(maxsize=None)` (also via a module constant), `functools.cache`, `async_lru.alru_cache(maxsize=None)`, `cachetools.cached(cache={})`, cachetools caches whose `maxsize` is `None`, infinite, `sys.maxsize` or a huge literal, and module-level, class-level, closure or default-argument (`def f(x, _memo={})`) dicts used as memos (filled where they are looked up, or by a store helper called next to a lookup helper: `_cached(k)` … `_remember(k, v)`) that nothing in the project ever shrinks (`pop`, `del`, `clear`, reset, size check, `cache_clear()`; also in a callback lambda, `request_finished.connect(lambda **kw: _memo.clear())`, but not one run at exit).',
    whyBad:
      'An unbounded cache keeps one entry per distinct key forever. With keys from user input, ids or timestamps it grows for as long as the process runs, and the entries are scattered over many memory arenas that can never be returned to the operating system, even after the cache is cleared. A zero-argument `@cache` (a lazy singleton), a method cache on an enum keyed only by the member (no other arguments), a cache on a function whose parameters are all `bool`, `Literal[...]` (also through an alias, `Window = Literal[...]`), classes (`type`, `type[...]`) or enums, a cached function that every caller passes constants (`load_schema("invoice")`, a loop variable over a fixed set), and a memo whose keys (every part of a tuple key) come from a fixed set (an enum or class parameter, a loop over constants or over a module container, of this module or imported, filled only at import time or by start-up set-up, or constants — or entries of an UPPER_CASE table of constants, `PRESETS[name]`, a choice between constants, `"eu" if resident else "us"`, or a loop variable over a fixed set — from every caller) are not reported.',
    example: [
      'import functools',
      '',
      '@functools.lru_cache(maxsize=None)',
      'def load_customer(customer_id):',
      '    return db.fetch_customer(customer_id)',
    ].join('\n'),
    useInstead: [
      'import functools',
      '',
      '@functools.lru_cache(maxsize=1024)',
      'def load_customer(customer_id):',
      '    return db.fetch_customer(customer_id)',
    ].join('\n'),
    fixSafety:
      'Unsafe: a bounded cache evicts entries, so a function relied on for identity (always the same object for the same key) or for side effects that must happen once per key would change behaviour.',
    references: [
      'https://docs.python.org/3/library/functools.html#functools.lru_cache',
      'https://cachetools.readthedocs.io/',
      'https://docs.astral.sh/ruff/rules/lru-cache-with-maxsize-none/',
    ],
  },
  check(project, ctx) {
    const maxsize = String(ctx.options.defaultMaxsize);
    const containers = linkContainers(project);
    const cleared = clearedCaches(project);
    const callerConstants = callerConstantsOracle(project);

    for (const file of project.files.values()) {
      for (const site of file.caches.sites) {
        if (!site.keysUnbounded || site.diesWithCall) continue;
        // Enum members are a fixed set: a method keyed only by its member holds one entry per member.
        if (site.keyedBySelfOnly && onEnum(project, file, site)) continue;
        // `def endpoint(region: Region)` with `Region` an enum: one entry per member at most.
        if (site.keyAnnotations?.every((name) => isEnumAnnotation(project, name))) continue;
        // `load_schema("invoice")` from every caller: one entry per constant passed.
        if (argumentsFromConstants(file, site, callerConstants)) continue;
        const clearedAs = site.functionId ?? site.boundName;
        if (clearedAs !== null && cleared.has(`${file.module.name}.${clearedAs}`)) continue;
        const verdict = judgeSite(project, file, site, containers);
        if (!verdict) continue;
        const fix = fixFor(file, site, verdict, maxsize);
        ctx.report({
          file: file.module.path,
          span: site.span,
          messageId: 'unboundedSite',
          data: { cache: site.calleeText, why: verdict.why },
          ...(fix ? { fix: { safety: 'unsafe', edits: fix } } : {}),
          suggestions: fix ? [] : [{ title: `Give the cache a size bound (maxsize=${maxsize}) or clear it periodically` }],
        });
      }
    }

    const runtime = runtimeOracle(project);
    const boundedKey = boundedKeyOracle(project, runtime);
    for (const linked of containers.values()) {
      const { container, file } = linked;
      if (container.scope === 'instance' ? !isDecoratorInstanceContainer(project, linked) : isFieldDefault(project, linked)) continue;
      const memoGrowth = runtimeGrowth(linked, runtime);
      if (memoGrowth.length === 0 || !isMemoContainer(linked, memoGrowth)) continue;
      // Keys from a fixed set (an enum, a loop over constants, constant arguments) cannot pile up.
      const growth = memoGrowth.filter(({ file: at, use }) => !boundedKey(at, use));
      if (growth.length === 0) continue;
      // A timestamped cache is PSL203's finding; one that is emptied somewhere is bounded.
      if (isTimestampedContainer(linked) || boundingUses(linked).length > 0) continue;
      if (container.scope === 'class' && project.classes.get(`${file.module.name}.${container.ownerId}`)?.cls.parentFunctionId != null) continue;
      const functions = [...new Set(growth.map(({ use }) => `\`${use.functionId}\``))];
      ctx.report({
        file: file.module.path,
        span: container.span,
        messageId: 'unboundedMemo',
        data: {
          scope: container.isDefaultArgument ? 'Default-argument' : SCOPE_WORDS[container.scope] ?? 'A',
          name: container.name,
          where: `in ${functions.slice(0, 3).join(', ')}`,
        },
        related: growth.slice(0, 10).map(({ file: at, use }) => ({
          file: at.module.path, span: use.span, message: `\`${container.name}\` gets a new entry here`,
        })),
        suggestions: [{ title: `Use functools.lru_cache(maxsize=${maxsize}) or a cachetools.LRUCache instead of a plain dict` }],
      });
    }
  },
});

function isEnumAnnotation(project: CacheProject, qualifiedName: string): boolean {
  const cls = project.resolveClass(qualifiedName);
  return !!cls && isEnumClass(project, cls.globalId);
}

function onEnum(project: CacheProject, file: FileFacts, site: CacheSiteFact): boolean {
  const classId = file.functions.find((fn) => fn.id === site.functionId)?.classId;
  return !!classId && isEnumClass(project, `${file.module.name}.${classId}`);
}

/**
 * A cached function (not an instance method: `self` is open-ended) whose every parameter gets a
 * constant, a choice between constants or a loop variable over a fixed set from every caller in
 * the project (`load_schema("invoice")`, `for op in OPCODES: width(op)`).
 */
function argumentsFromConstants(file: FileFacts, site: CacheSiteFact, callerConstants: (globalId: string, param: string) => boolean): boolean {
  if (site.form !== 'decorator' || site.functionId === null) return false;
  const fn = file.functions.find((f) => f.id === site.functionId);
  if (!fn || fn.kind === 'method' || fn.kind === 'property') return false;
  const params = fn.kind === 'classmethod' ? fn.params.slice(1) : fn.params;
  return params.length > 0 && params.every((p) => callerConstants(`${file.module.name}.${fn.id}`, p.name));
}

function onMethod(file: FileFacts, site: CacheSiteFact): boolean {
  return !!file.functions.find((fn) => fn.id === site.functionId)?.classId;
}

/** Why a library cache is unbounded, or null when it is bounded (or cannot be told). */
function judgeSite(project: CacheProject, file: FileFacts, site: CacheSiteFact, containers: ReadonlyMap<string, LinkedContainer>): Verdict {
  if (PER_INSTANCE_APIS.has(site.api) && onMethod(file, site)) return null;
  if (site.api === 'functools.cache') return { why: '`functools.cache` has no maxsize' };
  if (site.api === 'cachetools.cached') {
    const arg = site.cacheArg;
    if (arg?.kind === 'dict') return { why: `a plain \`${arg.text}\` as its cache`, valueSpan: arg.span };
    if (arg?.kind === 'name' && arg.qualifiedName) {
      const linked = containers.get(arg.qualifiedName);
      if (linked && linked.container.type === 'dict' && boundingUses(linked).length === 0) {
        return { why: `\`${arg.text}\` is a plain dict that nothing empties`, viaName: arg.text };
      }
    }
    return null;
  }
  const { maxsize } = site;
  if (maxsize.kind === 'unbounded') {
    if (cacheObjectCleared(file, site, containers)) return null;
    return { why: `maxsize=${maxsize.text}`, valueSpan: maxsize.span };
  }
  if (maxsize.kind === 'name') {
    const constant = resolveConstant(project, maxsize.qualifiedName);
    if (constant?.value === 'unbounded') return { why: `maxsize=${maxsize.text}, which is ${constant.text}`, viaName: maxsize.text };
  }
  return null;
}

/** `_cache = TTLCache(maxsize=math.inf, …)` that is `.clear()`ed somewhere is evicted by hand. */
function cacheObjectCleared(file: FileFacts, site: CacheSiteFact, containers: ReadonlyMap<string, LinkedContainer>): boolean {
  if (site.form !== 'call') return false;
  for (const linked of containers.values()) {
    if (linked.file !== file || linked.container.type !== 'cache') continue;
    if (linked.container.span.startLine !== site.span.startLine) continue;
    if (boundingUses(linked).length > 0) return true;
  }
  return false;
}

function fixFor(file: FileFacts, site: CacheSiteFact, verdict: NonNullable<Verdict>, maxsize: string): EditInput[] | null {
  if (verdict.viaName) return null;
  if (site.api === 'functools.cache') {
    const lru = nameFor(file, 'functools', 'lru_cache', site.calleeText, site.span.start);
    if (!lru) return null;
    const replacement = `${lru.expression}(maxsize=${maxsize})`;
    const edits: EditInput[] = [{ start: site.calleeSpan.start, end: site.calleeSpan.end, text: replacement }];
    if (lru.importEdit) edits.push(lru.importEdit);
    return edits;
  }
  if (site.api === 'cachetools.cached' && verdict.valueSpan) {
    const lru = nameFor(file, 'cachetools', 'LRUCache', site.calleeText, site.span.start);
    if (!lru) return null;
    const edits: EditInput[] = [{ start: verdict.valueSpan.start, end: verdict.valueSpan.end, text: `${lru.expression}(maxsize=${maxsize})` }];
    if (lru.importEdit) edits.push(lru.importEdit);
    return edits;
  }
  if (verdict.valueSpan) return [{ start: verdict.valueSpan.start, end: verdict.valueSpan.end, text: maxsize }];
  return null;
}

/**
 * How to name `module.member` in this file: through the same module alias the cache was spelled
 * with (`ft.cache` → `ft.lru_cache`), an existing import, or a new `from module import member`.
 */
function nameFor(file: FileFacts, module: string, member: string, spelledAs: string, before: number): { expression: string; importEdit?: EditInput } | null {
  const topLevel = file.imports.filter((i) => i.scope === null);
  const dot = spelledAs.lastIndexOf('.');
  if (dot > 0) {
    const prefix = spelledAs.slice(0, dot);
    if (topLevel.some((i) => i.kind === 'module' && i.localName === prefix.split('.')[0])) return { expression: `${prefix}.${member}` };
  }
  const direct = topLevel.find((i) => i.kind === 'member' && i.target === `${module}.${member}`);
  if (direct) return { expression: direct.localName };
  const moduleImport = topLevel.find((i) => i.kind === 'module' && i.target === module);
  if (moduleImport) return { expression: `${moduleImport.localName}.${member}` };
  // The name is taken by something else: adding an import would shadow it.
  if (file.moduleNames.includes(member)) return null;
  const line = `from ${module} import ${member}`;
  // The last import point above the cache: a late import would run after the decorator needs it.
  const points = file.caches.importInsertPoints.filter((p) => p.offset <= before);
  const at = points[points.length - 1] ?? file.caches.importInsertPoints[0]!;
  return {
    expression: member,
    importEdit: { start: at.offset, end: at.offset, text: at.afterLine ? `\n${line}` : `${line}\n` },
  };
}
