// PSL304: a caught exception (or a traceback from `sys.exc_info()`) kept past its handler.
// The analysis runs per file (facts/exception-cycles.ts); this follows the exception into
// functions of other files.
import type { ExceptionHandoff, ExceptionMessageId } from '../engine/facts/cycle-types.js';
import type { CallFact, FileFacts } from '../engine/facts/types.js';
import type { FunctionRef, ProjectGraph } from '../engine/link/types.js';
import { defineRule } from '../engine/run/rule.js';

type MessageId = ExceptionMessageId;

/** Methods that hand a value over to a consumer (`queue.put(e)`, `future.set_exception(e)`), not keep it. */
const PASSES_ON: ReadonlySet<string> = new Set(['put', 'put_nowait', 'set_exception', 'set_result', 'send', 'send_nowait']);

export default defineRule({
  code: 'PSL304',
  name: 'exception-reference-cycle',
  family: 'reference-cycle',
  tier: 'project',
  severity: 'warning',
  fixable: 'never',
  precision: 'high',
  summary: 'A caught exception or its traceback is kept past the `except` block',
  messages: {
    keptInLocal:
      '`{text}` binds the caught exception to another local, which Python does not delete at the end of the handler: exception → traceback → this frame → `{name}` is a reference cycle holding every local of the function',
    keptInOuter:
      '`{text}` binds the caught exception to a variable of an enclosing scope: its traceback holds the frame and every local in it for as long as that variable does',
    storedOnObject:
      '`{text}` keeps the caught exception `{name}` on an object: its traceback holds the frame and every local in it until the cycle collector runs',
    storedInContainer:
      '`{text}` keeps the caught exception `{name}` in a container: its traceback holds the frame and every local in it until the cycle collector runs',
    keptByHelper:
      '`{text}` hands the caught exception `{name}` to a helper that keeps it on an object or in a container: its traceback holds the frame and every local in it until the cycle collector runs',
    excInfoLocal:
      '`{text}` keeps a traceback in a local that is never deleted: traceback → this frame → `{name}` is a reference cycle holding every local of the function',
    excInfoStored:
      '`{text}` keeps a traceback (`sys.exc_info()`, `e.__traceback__`) on an object or in a container: the traceback holds the frames and all their locals',
  },
  options: {},
  docs: {
    whatItDoes:
      'Checks for a caught exception or traceback kept beyond its `except` block: `self.last_error = e`, `errors.append(e)`, `results.append(Failure(item, e))`, binding it to another local (`last_exc = e` in a retry loop), handing it to a helper that keeps it, in the same file or another module of the project (`self._record_failure(item, e)`, a method of a base class, `record_failure(step, exc)` imported from a reporting module, a method of an object kept on `self` (`self.report.add_error(step, exc)`) or of a module-level instance (`REGISTRY.record(step, exc)`); one step: a helper that hands it on to yet another module is not followed), `__exit__`/`__aexit__` of a context manager keeping the exception or traceback of its `with` block (`self.error = exc`: the frame of the block holds the manager), and `sys.exc_info()` (or `e.__traceback__`) stored in a local that is not deleted, or on an object. Not reported: `str(e)`/`repr(e)`, logging, re-raising, passing it on (`future.set_exception(e)`, `queue.put(e)`), an exception whose traceback the handler drops first (`e.__traceback__ = None`), and a local cleared with `del`/`= None` later in the function or in a `finally`. Returning or raising the alias (`raise last_exc` after a retry loop, `return value, error`) does not end the cycle and is reported: the exception leaves, but its traceback still holds this function\'s frame, and the frame still holds the alias.',
    whyBad:
      'An exception holds its traceback, the traceback holds every frame it passed through, and each frame holds all of its local variables. Keeping the exception where one of those frames can reach it — a local of the catching function, or `self` — makes a reference cycle: the frames, their locals and whatever they hold (request bodies, parsed rows, buffers) stay alive until the cycle collector runs. This is why Python deletes the `as` name at the end of the handler.',
    example: [
      'import time',
      '',
      'def fetch(client, url, attempts=3):',
      '    last_exc = None',
      '    for attempt in range(attempts):',
      '        try:',
      '            return client.get(url)',
      '        except ConnectionError as exc:',
      '            last_exc = exc',
      '            time.sleep(2 ** attempt)',
      '    raise last_exc',
    ].join('\n'),
    useInstead: [
      'import time',
      '',
      'def fetch(client, url, attempts=3):',
      '    last_exc = None',
      '    try:',
      '        for attempt in range(attempts):',
      '            try:',
      '                return client.get(url)',
      '            except ConnectionError as exc:',
      '                last_exc = exc',
      '                time.sleep(2 ** attempt)',
      '        raise last_exc',
      '    finally:',
      '        last_exc = None  # break exception → traceback → frame → last_exc',
    ].join('\n'),
    fixSafety:
      'No automatic fix: the suggestion is to `del` the local (or set it to `None`) in a `finally`, or keep `str(e)` / `traceback.format_exception(e)` instead of the exception.',
    references: [
      'https://docs.python.org/3/reference/compound_stmts.html#except-clause',
      'https://docs.python.org/3/library/sys.html#sys.exc_info',
      'https://docs.python.org/3/library/traceback.html#traceback.clear_frames',
    ],
  },
  check(project, ctx) {
    let instances: Map<string, string> | undefined;
    for (const file of project.files.values()) {
      const facts = file.cycles.exceptions;
      for (const f of facts.findings) {
        ctx.report({
          file: file.module.path, span: f.span, messageId: f.messageId, data: { text: f.text, name: f.name },
          suggestions: [{ title: suggestion(f.clear) }],
        });
      }
      if (facts.handoffs.length === 0) continue;
      const targets = project.callTargets(file);
      // Only files with a hand-off get here (few): a string key per call is cheap enough.
      const callAt = new Map<string, number>();
      file.calls.forEach((c, i) => callAt.set(`${c.span.start}:${c.span.end}`, i));
      for (const h of facts.handoffs) {
        const index = callAt.get(`${h.callStart}:${h.callEnd}`);
        const call = index === undefined ? undefined : file.calls[index]!;
        const target = index === undefined ? undefined
          : targets[index] ?? attributeMethod(project, file, call!) ?? instanceMethod(project, (instances ??= moduleInstances(project)), call!);
        const excInfo = target ? keptArgument(target, h) : null;
        if (excInfo === null) continue;
        ctx.report({
          file: file.module.path, span: h.span, messageId: excInfo ? 'excInfoStored' : 'keptByHelper',
          data: { text: h.text, name: h.name }, suggestions: [{ title: suggestion(null) }],
        });
      }
    }
  },
});

/**
 * `self.report.add_error(e)`: the method of the class the instance keeps in that attribute
 * (`self.report = Report()` in the class of the calling method), when it is one class.
 */
function attributeMethod(project: ProjectGraph, file: FileFacts, call: CallFact): FunctionRef | undefined {
  const m = /^(\w+)\.(\w+)\.(\w+)$/.exec(call.calleeText);
  if (!m || call.enclosingFunctionId === null) return undefined;
  const caller = file.functions.find((f) => f.id === call.enclosingFunctionId);
  if (!caller || caller.classId === null || caller.kind !== 'method' || caller.params[0]?.name !== m[1]) return undefined;
  const attr = file.cycles.classes.find((c) => c.classId === caller.classId)?.attrs.find((a) => a.name === m[2]);
  if (attr?.types.length !== 1) return undefined;
  const cls = project.resolveClass(attr.types[0]!);
  return cls ? project.findMethod(cls, m[3]!) : undefined;
}

/** Module-level instances (`REGISTRY = Registry()`) by qualified name: their class's qualified name. */
function moduleInstances(project: ProjectGraph): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of project.files.values()) {
    for (const i of file.caches.instances) out.set(`${file.module.name}.${i.name}`, i.classQualifiedName);
  }
  return out;
}

/** `REGISTRY.record_error(e)` on a module-level instance of a project class (imported or not). */
function instanceMethod(project: ProjectGraph, instances: ReadonlyMap<string, string>, call: CallFact): FunctionRef | undefined {
  const name = call.qualifiedName;
  const dot = name ? name.lastIndexOf('.') : -1;
  const cls = dot > 0 ? instances.get(name!.slice(0, dot)) : undefined;
  const ref = cls ? project.resolveClass(cls) : undefined;
  return ref ? project.findMethod(ref, name!.slice(dot + 1)) : undefined;
}

function suggestion(clear: string | null): string {
  return clear !== null
    ? `Delete \`${clear}\` (or set it to None) in a \`finally\` once it has been used`
    : 'Keep `str(e)`/`repr(e)` or `traceback.format_exception(e)` instead of the exception object';
}

/**
 * Whether the function a handler calls keeps an argument that carries the exception (null: none
 * kept; otherwise whether the kept one is a traceback). Its file says which parameters it keeps.
 */
function keptArgument(target: FunctionRef, handoff: ExceptionHandoff): boolean | null {
  const { fn } = target;
  // A queue or future of the project (`self.results.put(e)`) hands it to whoever takes it next.
  // (Constructors have no kept parameters listed: `Wrapper(e)` as a statement is dropped at once.)
  if (PASSES_ON.has(fn.name)) return null;
  const kept = new Set(target.file.cycles.exceptions.keptParams.filter((k) => k.functionId === fn.id).map((k) => k.param));
  if (kept.size === 0) return null;
  // The instance (or class) of a method called on one is not among the arguments.
  const offset = fn.kind === 'method' || fn.kind === 'classmethod' || fn.kind === 'property' ? 1 : 0;
  const positional = fn.params.filter((p) => p.kind === 'positional');
  let found: boolean | null = null;
  for (const a of handoff.args) {
    const param = a.keyword ?? positional[offset + a.position!]?.name;
    if (param !== undefined && kept.has(param)) found = (found ?? false) || a.excInfo;
  }
  return found;
}
