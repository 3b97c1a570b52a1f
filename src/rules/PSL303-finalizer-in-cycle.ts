// PSL303: a class with `__del__` whose instances take part in a reference cycle (PSL301/PSL302).
import { analyzeReferenceCycles, type ReferenceCycle } from '../engine/link/cycles.js';
import type { FunctionRef } from '../engine/link/types.js';
import { defineRule } from '../engine/run/rule.js';
import type { RelatedLocation } from '../engine/types.js';

export default defineRule({
  code: 'PSL303',
  name: 'finalizer-in-cycle',
  family: 'reference-cycle',
  tier: 'project',
  severity: 'warning',
  fixable: 'never',
  precision: 'high',
  summary: 'A class with `__del__` whose instances are part of a reference cycle',
  messages: {
    finalizerInCycle:
      '`{cls}.__del__` runs on objects that are part of a reference cycle (`{cycle}`): it is called only when the cycle collector gets to them — late, in no set order, possibly after the objects it uses were torn down',
  },
  options: {},
  docs: {
    whatItDoes:
      'Checks for classes that define `__del__` (or inherit it) whose instances take part in a reference cycle found by PSL301 or PSL302 — including subclasses of a class whose methods build the cycle on `self` or that a parameter or attribute in the cycle is declared as (`def add(self, component: Component)` puts a `Sprite(Component)` in it too), also when the finalizer comes from another base (`class SocketStream(ClosesOnDelete, EventSource)`). The finding is on `__del__`, with the stores that make the cycle as related locations.',
    whyBad:
      'Since PEP 442 cycles with finalizers are collected, but only at a collector pass: the file, socket or buffer `__del__` is meant to release stays open and its memory stays pinned until then, and the finalizers of a cycle run in no set order, so `__del__` may see attributes already cleared by another finalizer. Code that relies on `__del__` for prompt cleanup silently stops being prompt.',
    example: [
      'class Connection:',
      '    def __init__(self, pool):',
      '        self.pool = pool',
      '        pool.connections.append(self)',
      '        self.sock = open_socket()',
      '',
      '    def __del__(self):',
      '        self.sock.close()',
    ].join('\n'),
    useInstead: [
      'import weakref',
      '',
      'class Connection:',
      '    def __init__(self, pool):',
      '        self.pool = pool',
      '        pool.connections.append(self)',
      '        self.sock = open_socket()',
      '        # Runs at collection or exit, and does not keep `self` alive.',
      '        self._finalizer = weakref.finalize(self, self.sock.close)',
    ].join('\n'),
    fixSafety: 'No automatic fix: suggests `weakref.finalize` (or an explicit `close()`/context manager) instead.',
    references: [
      'https://peps.python.org/pep-0442/',
      'https://docs.python.org/3/library/weakref.html#weakref.finalize',
      'https://docs.python.org/3/reference/datamodel.html#object.__del__',
    ],
  },
  check(project, ctx) {
    const analysis = analyzeReferenceCycles(project);
    const { instances } = analysis;
    // Each finalizer's cycles, as indices into `instances`; only the first SHOWN are ever shown.
    const found = new Map<string, { fn: FunctionRef; cycles: number[] }>();
    const note = (fn: FunctionRef | undefined, cycles: readonly number[]) => {
      if (!fn) return;
      const entry = found.get(fn.globalId) ?? { fn, cycles: [] };
      entry.cycles = firstCycles(entry.cycles, cycles);
      found.set(fn.globalId, entry);
    };
    instances.forEach((cycle, i) => {
      for (const id of cycle.classes) {
        const cls = project.classes.get(id);
        if (cls) note(analysis.findMethod(cls, '__del__'), [i]);
      }
    });
    // Instances of subclasses run the methods that build the cycle on `self`, and the finalizer
    // they have — their own or one from another base (`class Conn(CloseOnDel, Observable)`).
    for (const [id, cycles] of inheritedCycles(instances, analysis.subclasses)) {
      const cls = project.classes.get(id);
      if (cls) note(analysis.findMethod(cls, '__del__'), cycles);
    }
    for (const { fn, cycles } of [...found.values()].sort((a, b) => (a.fn.globalId < b.fn.globalId ? -1 : 1))) {
      if (fn.fn.classId === null) continue;
      const shown = cycles.map((i) => instances[i]!);
      const related: RelatedLocation[] = shown.map((c) => ({
        file: c.file, span: c.site, message: `reference cycle: \`${c.text}\``,
      }));
      ctx.report({
        file: fn.file.module.path,
        span: fn.fn.nameSpan,
        messageId: 'finalizerInCycle',
        data: { cls: fn.fn.classId, cycle: shown[0]!.text },
        related,
        suggestions: [{ title: 'Release the resource with `weakref.finalize(self, cleanup, resource)` or an explicit `close()` instead of `__del__`' }],
      });
    }
  },
});

/** How many cycles a finding names (the first as the message, all as related locations). */
const SHOWN = 4;

/** The SHOWN earliest cycles of two ascending lists, ascending. */
function firstCycles(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y).slice(0, SHOWN);
}

/**
 * For each class below one whose own methods build a cycle on `self`, the earliest such cycles
 * of its (strict) ancestors. One pass down the subclass graph in topological order, so a chain
 * of N classes costs N steps, not N per cycle; classes in a loop of bases (re-bound names) are
 * revisited until nothing changes.
 */
function inheritedCycles(
  instances: readonly ReferenceCycle[], subclasses: ReadonlyMap<string, readonly string[]>,
): Map<string, number[]> {
  const own = new Map<string, number[]>();
  instances.forEach((cycle, i) => {
    for (const id of cycle.selfClasses) own.set(id, firstCycles(own.get(id) ?? [], [i]));
  });
  // The classes below those, and how many bases of each are among them.
  const pending = new Map<string, number>();
  const reached = [...own.keys()];
  for (const id of reached) pending.set(id, pending.get(id) ?? 0);
  for (let i = 0; i < reached.length; i++) {
    for (const sub of subclasses.get(reached[i]!) ?? []) {
      if (!pending.has(sub)) reached.push(sub);
      pending.set(sub, (pending.get(sub) ?? 0) + 1);
    }
  }
  const queue = reached.filter((id) => pending.get(id) === 0);
  for (let i = 0; i < queue.length; i++) {
    for (const sub of subclasses.get(queue[i]!) ?? []) {
      const left = pending.get(sub)! - 1;
      pending.set(sub, left);
      if (left === 0) queue.push(sub);
    }
  }
  const sorted = new Set(queue);
  for (const id of reached) if (!sorted.has(id)) queue.push(id);
  const queued = new Set(queue);
  const inherited = new Map<string, number[]>();
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    queued.delete(id);
    const passed = firstCycles(own.get(id) ?? [], inherited.get(id) ?? []);
    for (const sub of subclasses.get(id) ?? []) {
      const before = inherited.get(sub) ?? [];
      const after = firstCycles(before, passed);
      if (after.length === before.length && after.every((x, k) => x === before[k])) continue;
      inherited.set(sub, after);
      if (!queued.has(sub)) {
        queued.add(sub);
        queue.push(sub);
      }
    }
  }
  return inherited;
}
