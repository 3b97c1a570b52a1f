// PSL001: a `# noqa` code that suppresses nothing. The engine judges it after every other rule
// ran (it needs their findings); this entry gives it a code, options, docs and a selector.
import { defineRule } from '../engine/run/rule.js';

export default defineRule({
  code: 'PSL001',
  name: 'unused-noqa',
  family: 'suppression',
  tier: 'file',
  severity: 'warning',
  fixable: 'always',
  precision: 'very-high',
  optIn: true,
  summary: 'A `# noqa` code that suppresses no finding',
  messages: {
    unusedNoqa: 'Unused `noqa` directive ({details})',
  },
  fixTitle: 'Remove the unused `noqa` codes',
  options: {},
  docs: {
    whatItDoes: [
      'Checks for pysparse-lint codes in `# noqa: CODE` and `# pysparse-lint: noqa: CODE` comments that suppressed no finding in this run:',
      'codes whose rule ran and found nothing there (*unused*), codes of rules that are not selected (*non-enabled*), and `PSL` codes that name no rule (*unknown*).',
      'A bare `# noqa` and codes of other tools (`E501`, `F401`) are never reported: other linters read them too.',
      'Like Ruff\'s RUF100, this rule is opt-in: enable it with `--extend-select PSL001` (or `extend-select = ["PSL001"]`).',
    ].join(' '),
    whyBad: [
      'A suppression that outlived its finding hides the next real problem on that line: when someone later adds a cache that pins instances or a list that is copied through a pipeline,',
      'the stale `# noqa` silently swallows it, and the memory it costs goes unnoticed until production.',
    ].join(' '),
    example: [
      'import functools',
      '',
      '',
      '@functools.cache  # noqa: PSL202',
      'def load_tariffs(region):',
      '    return read_tariff_table(region)',
    ].join('\n'),
    useInstead: [
      'import functools',
      '',
      '',
      '@functools.cache',
      'def load_tariffs(region):',
      '    return read_tariff_table(region)',
    ].join('\n'),
    fixSafety: 'Safe: only codes that suppressed nothing in this run are removed; codes of other tools and the rest of the comment are kept. Run it with the rules you normally run, or codes of rules you left out are reported as non-enabled.',
    references: ['https://docs.astral.sh/ruff/rules/unused-noqa/'],
  },
  check() {
    // Reported by the engine (src/engine/run/suppressions.ts) once every other finding is known.
  },
});
