// PSL204: a module- or class-level container that run-time code keeps adding to and nothing empties.
import { boundedKeyOracle, boundingUses, isFieldDefault, isMemoContainer, isStartupSetup, isTimestampedContainer, linkContainers, runtimeGrowth, runtimeOracle, type LinkedContainer, type LinkedUse, type RuntimeOracle } from '../engine/link/caches.js';
import { defineRule } from '../engine/run/rule.js';

/** Module dunders that are lists by protocol, not by accident. */
const PROTOCOL_NAMES = new Set(['__all__', '__slots__', '__path__', '__match_args__', '__annotations__', '_ignore_']);
const ENUM_BASES = /^enum\.(Enum|IntEnum|StrEnum|Flag|IntFlag|ReprEnum)$/;

const REGISTRATION_API = /^_*(add|register|install|define|declare|replace|alias)/i;

const KIND_WORDS: Readonly<Record<string, string>> = { list: 'list', dict: 'dict', set: 'set', deque: 'deque' };

export default defineRule({
  code: 'PSL204',
  name: 'growing-module-container',
  family: 'cache-growth',
  tier: 'project',
  severity: 'warning',
  fixable: 'never',
  precision: 'high',
  summary: 'A module- or class-level container that run-time code adds to and nothing ever empties',
  messages: {
    grows:
      '{scope} {kind} `{name}` grows at run time ({where}) and nothing in the project removes from it: it only gets bigger, and keeps every item in it alive',
  },
  options: {},
  docs: {
    whatItDoes:
      'Checks for module-level and class-level lists, dicts, sets and deques that functions, methods or `__init__` add to (`append`, `add`, `d[k] = v`, `setdefault`, `+=`…) when there is no removal (`remove`, `pop`, `del`, `clear`, `discard`, a reset, or a size check; also in a callback lambda at module level) anywhere in the project. Growth at import time (module code, decorators applied at import, `__init_subclass__`, functions only called from there) does not count, nor does growth in a click or typer command (it runs once per invocation of the program; a `while True:` loop that nothing breaks out of, a service loop (`while not stop.is_set():`, `while not self._stopped:`, `while self.running:`) or a loop over `sys.stdin`/`fileinput.input()`, in a command or in what it starts, does count), nor a keyed store, set add or append in code that the program\'s start (`if __name__ == "__main__":` and what it calls outside any loop, such as `load_plugins(cfg)` called once from `main()`) runs once, nor do `WeakSet`/`WeakValueDictionary`, `deque(maxlen=…)`, containers handed to other code (a project function that only loops over or reads one does not count), or new keys (every part of a tuple key) that come from a fixed set (a loop over constants or over a module container, of this module or imported, filled only at import time or by start-up set-up, an enum parameter or a loop over an enum, constants — or entries of an UPPER_CASE constant table, a choice between constants (`"eu" if resident else "us"`), or a loop variable over a fixed set (`for region in REGIONS: check(region)`) — from every caller, a local bound to such an entry: `new = _TRANSITIONS[(state, event)]`; a tally `d[k] = d.get(k, 0) + 1` is judged by its keys too). A `register*`/`install*`/`add*` API that nothing in the project calls is taken for start-up registration when it stores by key (`CODECS[name] = codec`) or adds to a set, but not when it appends to a list (`_listeners.append(cb)`, `d.setdefault(event, []).append(fn)`): every call adds one more.',
    whyBad:
      'A container that lives as long as the module only ever gets bigger: every request, event or instance adds an entry that is never released, and every object it references stays alive with it. Instance registries (`_instances.append(self)`) make every instance immortal. The memory grows without bound and, being spread over many arenas, is never returned to the operating system.',
    example: [
      '_open_sessions = []',
      '',
      'class Session:',
      '    def __init__(self, user):',
      '        self.user = user',
      '        _open_sessions.append(self)',
    ].join('\n'),
    useInstead: [
      'import weakref',
      '',
      '_open_sessions = weakref.WeakSet()',
      '',
      'class Session:',
      '    def __init__(self, user):',
      '        self.user = user',
      '        _open_sessions.add(self)',
    ].join('\n'),
    references: [
      'https://docs.python.org/3/library/weakref.html#weakref.WeakSet',
      'https://docs.python.org/3/library/collections.html#collections.deque',
    ],
  },
  check(project, ctx) {
    const runtime = runtimeOracle(project);
    const boundedKey = boundedKeyOracle(project, runtime);
    for (const linked of linkContainers(project).values()) {
      if (!isCandidate(linked, project)) continue;
      const allGrowth = [...runtimeGrowth(linked, runtime), ...registrationAppends(linked, runtime)]
        .filter((g) => !isRegistration(g, runtime) && !isStartupSetup(g, runtime));
      // New keys from a fixed set (an enum, a loop over constants, constant arguments) stop coming.
      const growth = allGrowth.filter(({ file: at, use }) => !boundedKey(at, use));
      if (growth.length === 0 || boundingUses(linked).length > 0) continue;
      // A memo is PSL201's and a timestamped cache PSL203's: one finding per construct.
      if (isMemoContainer(linked, allGrowth) || isTimestampedContainer(linked)) continue;
      const { container, file } = linked;
      ctx.report({
        file: file.module.path,
        span: container.span,
        messageId: 'grows',
        data: {
          scope: container.scope === 'module' ? 'Module-level' : 'Class-level',
          kind: KIND_WORDS[container.type] ?? container.type,
          name: container.name,
          where: describeGrowth(growth, linked),
        },
        related: growth.slice(0, 10).map(({ file: at, use }) => ({
          file: at.module.path,
          span: use.span,
          message: `\`${container.name}\` grows here (${use.method === '[]=' ? 'item assignment' : `\`${use.method}\``})`,
        })),
        suggestions: [{ title: suggestionFor(growth) }],
      });
    }
  },
});

function isCandidate(linked: LinkedContainer, project: Parameters<typeof linkContainers>[0]): boolean {
  const { container, file } = linked;
  if (container.scope !== 'module' && container.scope !== 'class') return false;
  if (container.type === 'cache' || PROTOCOL_NAMES.has(container.name) || isFieldDefault(project, linked)) return false;
  if (container.scope === 'class') {
    const cls = project.classes.get(`${file.module.name}.${container.ownerId}`);
    // A class defined in a function body is created per call: its attributes die with it.
    if (cls && cls.cls.parentFunctionId !== null) return false;
    if (cls?.cls.bases.some((b) => b.qualifiedName !== null && ENUM_BASES.test(b.qualifiedName))) return false;
  }
  return true;
}

/**
 * `add_alias(name, target)` filling `ALIASES[name]`, with no caller in the project: a registration
 * API (called once per entry, at start-up), not per-request growth. Lists appended to by such a
 * function (listeners) still count.
 */
function isRegistration({ file, use }: LinkedUse, runtime: RuntimeOracle): boolean {
  if (use.method !== '[]=' && use.method !== 'setdefault' && use.method !== 'update') return false;
  if (!runtime.isEntryPoint(file, use.functionId)) return false;
  const name = use.functionId!.slice(use.functionId!.lastIndexOf('.') + 1);
  return REGISTRATION_API.test(name);
}

/** Adding one more item per call, whatever was added before: duplicates pile up. */
const APPENDS = /^(\[\]\.|setdefault\(\)\.)?(append|appendleft|extend|extendleft|insert)$/;

/**
 * `register_listener(cb)` appending to `_listeners`, with no caller in the project: each call adds
 * one more listener, so a registrant that registers per request or per object (and none ever
 * unregisters) makes the list grow for good, like `add_listener`. Keyed stores and set adds in
 * such an API are idempotent per registrant and stay start-up registration.
 */
function registrationAppends(linked: LinkedContainer, runtime: RuntimeOracle): LinkedUse[] {
  return linked.uses.filter(({ file, use }) => use.op === 'grow' && APPENDS.test(use.method)
    && runtime.isRegistrationApi(file, use.functionId));
}

function describeGrowth(growth: readonly LinkedUse[], linked: LinkedContainer): string {
  const functions = [...new Set(growth.map(({ file, use }) =>
    file === linked.file ? `\`${use.functionId}\`` : `\`${use.functionId}\` in ${file.module.path}`))];
  const shown = functions.slice(0, 3).join(', ');
  return `in ${shown}${functions.length > 3 ? ` and ${functions.length - 3} more` : ''}`;
}

function suggestionFor(growth: readonly LinkedUse[]): string {
  if (growth.some(({ use }) => use.addsSelf)) {
    return 'Hold the instances weakly (weakref.WeakSet / WeakValueDictionary), or remove them when they are closed';
  }
  return 'Remove entries when they are done with (or bound the container: deque(maxlen=…), a size check)';
}
