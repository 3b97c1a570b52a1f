// PSL102: a function builds a whole list or set that every caller in the project reads only once.
import { bulkFlow, isStreamable } from '../engine/link/bulk-flow.js';
import type { RelatedLocation } from '../engine/types.js';
import { defineRule } from '../engine/run/rule.js';

/** At most this many call sites are listed as related locations. */
const MAX_RELATED_SITES = 5;

export default defineRule({
  code: 'PSL102',
  name: 'materialized-return',
  family: 'bulk-transform',
  tier: 'project',
  severity: 'warning',
  fixable: 'sometimes',
  precision: 'high',
  summary: 'A function returns a whole list or set that every caller reads only once',
  messages: {
    materialized:
      '`{fn}` builds a whole {kind}, but {readers} it only once: yielding the items would keep one at a time in memory',
    materializedNoFix:
      '`{fn}` builds a whole {kind}, but {readers} it only once: yielding the items would keep one at a time in memory (no automatic rewrite: {blocker})',
    unknownConsumers:
      '`{fn}` builds a whole {kind}; its callers are not all known ({reason}), so streaming it is a guess',
  },
  fixTitle: 'Turn the function into a generator',
  options: {
    reportUnknownConsumers: {
      type: 'boolean',
      default: false,
      description:
        'Also report producers whose callers are not all known (exported in `__all__` or a package `__init__`, used as a callback, or never called in the project), with an unsafe fix.',
    },
  },
  docs: {
    whatItDoes:
      'Checks for functions and methods that build a whole list or set — a returned comprehension, an accumulator filled by `append`/`add`/`extend` in a loop (also a list seeded with its first items, `lines = [header]`), `list(<generator>)`, a local comprehension that is returned (also after steps that rebind it, `rows = [r for r in rows if r.ok]`), or a concatenation `[*a, *b]` (reported without a rewrite) — when every call site in the project reads the result exactly once: a `for` loop, a comprehension, a consuming call such as `sum`, `any`, `min`, `sorted`, `"".join`, `list.extend`, `list(...)`, or a parameter of another project function that itself reads it once (followed through the call graph and through `return` of forwarding functions), also of a project class\'s `__init__` (`Graph(parse(lines))`). Methods are followed through `self.method(...)` and receivers of known class (`store = Store(); store.load(...)`, `Store(path).load()`, `store = open_store()` where `open_store` is annotated `-> Store`, `store: Store` (also `Optional[Store]`, `Store | None`, FastAPI\'s `Annotated[Store, Depends(...)]` and a module-level alias of it), `self.store.load(...)` when the class only assigns `self.store = Store(...)` or a parameter annotated `Store`). It stays silent when a caller uses `len()`, indexes, slices, tests truthiness, iterates twice, stores or discards the result; for dicts, tuples, `sorted(...)` and plain copies (`list(rows)`); and, by default, when the callers are not all known: no call site in the project, the function is exported (`__all__`, a package `__init__`, a public method of an exported class), used as a value (callback, registry), decorated (except by `staticmethod`, `classmethod`, `abstractmethod`, a cache — then reported without a fix — or a project decorator that returns a wrapper it defines), a property or dunder, overridden, or a method whose name is also called on objects of unknown type, or handed on as a value from them (`register(obj.rows)`; not when a class of the project has a data attribute of that name, as in `Event(e.stream, …)` with a `stream` field).\n\n'
      + 'PSL101 and PSL102 split the work: PSL101 reports a pipeline once, at the call where the data enters a chain of transforming functions; PSL102 reports each function that can stream its result, at its `def`. A producer is reported at most once by each rule, and both carry the same rewrite, so `--fix` applies it once.',
    whyBad:
      'The whole collection exists at once only so that each caller can read it item by item. With large data the list and its items are allocated in one burst, interleaved with the input they are built from; when they are freed, the memory allocator is left with partly used arenas it cannot return to the operating system, and the process keeps several times the memory its data needs. A generator hands out one item at a time: the items are freed as the caller moves on, and the peak is one item instead of the whole collection.',
    example: [
      'def load_orders(lines):',
      '    orders = []',
      '    for line in lines:',
      '        order_id, amount = line.split(",")',
      '        orders.append({"id": order_id, "amount": float(amount)})',
      '    return orders',
      '',
      '',
      'def total(lines):',
      '    return sum(order["amount"] for order in load_orders(lines))',
    ].join('\n'),
    useInstead: [
      'def load_orders(lines):',
      '    for line in lines:',
      '        order_id, amount = line.split(",")',
      '        yield {"id": order_id, "amount": float(amount)}',
      '',
      '',
      'def total(lines):',
      '    return sum(order["amount"] for order in load_orders(lines))',
    ].join('\n'),
    fixSafety:
      'The fix turns `append(x)` into `yield x`, `extend(xs)` into `yield from xs`, a returned comprehension into a generator expression, `list(<generator>)` into the generator, and `-> list[T]` into `-> Iterator[T]` (adding the import). It is safe only when every call site is known and reads the result once, and none of these holds: the function is async; the accumulator is read (`if x not in out`, `len(out)`); another `return` returns something else; the result is cached by a decorator; the items are read inside a `with` block that a lazy result would outlive (a `with` around the yields stays open while the caller iterates: safe for files opened for reading, unsafe for locks, cursors and transactions); a `try` block or a `raise` (also in a project function it calls, such as a `validate(row)` helper — not a `raise NotImplementedError` stub) would see errors at a different time; the body has side effects whose order would change (printing, logging, writing, closing or committing a connection it was handed, mutating a parameter, `self`, a global, or the items it reads (also with `heapq.heappop(queue)`, `bisect.insort`, `random.shuffle`), also through a method of unknown class that a project method of that name could be (`bucket.take()`) — not a copy it made first, `row = dict(row)` — directly or through a project function it calls); a caller touches the function\'s inputs between the call and reading the result or while it iterates it, also through later stages (`conn.execute("UPDATE …")` in the loop over rows read from `conn`) through a project method that writes to them (`world.despawn(eid)` in the loop over `world.query(...)`; on an object of unknown class, any project method of that name: `world.respawn(p)` in the loop over `in_blast(world.players)`), through another name for them (`view = table`, `batch = {"orders": orders}`), in place (`queue += [job]`), through a project function that reads the result and is handed an input too (`rebuild(entries(index), index)`), through their items (`for a in agents[:k]: a.state = …`) or objects an item of the result reaches (`f.partner.knock_out()` in the loop over `standing(fighters)`), through what holds them (`quarantine(world)` after `due(world.agents)`, `self.isolate()` after `due(self.agents)`) or a nested function over them, by drawing from a random generator it was handed, by writing to a file or folder an input names (`open(path, "a")`), or by reading an iterator it was handed (`next(fh)`, `header = read_block(fh); body = read_block(fh)`, or a parameter never indexed nor measured handed to another reader, `info = meta(stream); rows = variants(stream)`), or changes a module-level list, dict or connection the function reads or is handed (`fresh(FRONTIER)` while `discover()` appends to it; `mark_done(job)` removing from the `PENDING` that `due_jobs()` loops over, or running an UPDATE on the module-level `DB` that it SELECTs from); the caller changes a file the function reads while it iterates the result (`open(spool, "a")`), sets a `ContextVar` it reads or an attribute of a module-level class or module it reads (`Thresholds.LOW = 0`, `os.environ[...] = …`), or iterates it in a loop that itself yields (whoever drives that generator may change module state between items); the body reads a global that some function rebinds (`global LIMIT`), draws from a shared random generator or counter (a module-level `random.Random`, `self.rng`, `next(_ids)`), or changes an item after appending it (a record filled by the lines after its header), or hands out closures over a variable that its loop keeps changing (`lambda v: v / total`, `[lambda: name for name in names]`); a project class it instantiates counts in a class attribute that the caller\'s instances advance too (`Ticket.seq += 1` in `__init__`); or the call sits in a `with`/`try` the reading code is outside of, or the result is read inside a `with` the call is outside of that is not a file (`decimal.localcontext()`, `redirect_stdout`), or the result is read by a loop inside a `try` with `except` clauses (or `with suppress(...)`), where the function\'s own errors (a bad `int(line)`) would arrive after the loop acted on the items before them — also when the loop prints or writes and a caller a few levels up calls its function inside such a `try`; the function builds a set and a caller relies on its deduplication or order. Then the fix is unsafe (applied only with `--unsafe-fixes`), or not offered when the rewrite cannot be expressed.',
    references: [
      'https://docs.python.org/3/howto/functional.html#generators',
      'https://docs.python.org/3/c-api/memory.html#the-pymalloc-allocator',
      'https://pylint.readthedocs.io/en/stable/user_guide/messages/refactor/consider-using-generator.html',
    ],
  },
  check(project, ctx) {
    const flow = bulkFlow(project);
    const allowUnknown = ctx.options.reportUnknownConsumers;
    for (const summary of flow.producers) {
      if (!isStreamable(summary)) continue;
      const { ref, producer } = summary;
      const kind = summary.collection ?? 'list';
      const unknown = flow.unknownConsumers(ref);
      if (unknown && !allowUnknown) continue;
      // The call sites that are known must all read the result once, whatever the unknown ones do.
      if (flow.sitesOf(ref).length > 0 && !flow.resultUse(ref).singlePass) continue;
      const fix = flow.generatorFix(summary, allowUnknown);
      const sites = flow.sitesOf(ref);
      const related: RelatedLocation[] = sites.slice(0, MAX_RELATED_SITES).map((site) => ({
        file: site.file.module.path,
        span: site.call.span,
        message: `\`${ref.fn.name}\` is called here and its result read once`,
      }));
      const data = {
        fn: ref.fn.name,
        kind,
        readers: sites.length === 1 ? 'its only caller reads' : `all ${sites.length} of its callers read`,
        blocker: producer.blocker ?? '',
        reason: unknown ?? '',
      };
      ctx.report({
        file: ref.file.module.path,
        span: ref.fn.nameSpan,
        messageId: unknown ? 'unknownConsumers' : fix ? 'materialized' : 'materializedNoFix',
        data,
        related,
        fix: fix
          ? {
              safety: fix.safety,
              edits: fix.edits,
              title: fix.safety === 'safe'
                ? `Turn \`${ref.fn.name}\` into a generator`
                : `Turn \`${ref.fn.name}\` into a generator (unsafe: ${fix.hazards[0]})`,
            }
          : null,
      });
    }
  },
});
