// Renders a rule's structured docs as Markdown, in Ruff's section order (docs pages, --explain).
import { kebab } from '../config/config.js';
import type { Rule } from './rule.js';

export function renderRuleDocs(rule: Rule): string {
  const { docs } = rule;
  const sections: string[] = [
    `# ${rule.name} (${rule.code})`,
    `Family: ${rule.family} · Default severity: ${rule.severity} · Fix: ${fixLabel(rule)}${rule.optIn ? ' · Opt-in: enable with `--extend-select ' + rule.code + '`' : ''}`,
    `## What it does\n${docs.whatItDoes}`,
    `## Why is this bad?\n${docs.whyBad}`,
    `## Example\n\`\`\`python\n${docs.example}\n\`\`\``,
    `## Use instead\n\`\`\`python\n${docs.useInstead}\n\`\`\``,
  ];
  if (docs.fixSafety) sections.push(`## Fix safety\n${docs.fixSafety}`);
  const options = Object.entries(rule.options);
  if (options.length > 0) {
    sections.push(`## Options\n${options
      .map(([name, spec]) => `- \`${kebab(name)}\` (${spec.type}, default \`${JSON.stringify(spec.default)}\`): ${spec.description}`)
      .join('\n')}\n\nSet in \`pyproject.toml\`:\n\`\`\`toml\n[tool.pysparse-lint.rules.${rule.code}]\n${kebab(options[0]![0])} = ${tomlValue(options[0]![1].default)}\n\`\`\``);
  }
  sections.push(`## Suppression\nAdd \`# noqa: ${rule.code}\` to the line of the finding, or \`# pysparse-lint: noqa: ${rule.code}\` anywhere in the file for the whole file.`);
  if (docs.references?.length) sections.push(`## References\n${docs.references.map((r) => `- <${r}>`).join('\n')}`);
  return `${sections.join('\n\n')}\n`;
}

function fixLabel(rule: Rule): string {
  return rule.fixable === 'never' ? 'none' : rule.fixable === 'always' ? 'always available' : 'sometimes available';
}

function tomlValue(value: unknown): string {
  return JSON.stringify(value);
}

/** `--explain CODE`: the rule's docs, or null for an unknown code. */
export function explainRule(rules: readonly Rule[], code: string): string | null {
  const rule = rules.find((r) => r.code === code.toUpperCase() || r.name === code);
  return rule ? renderRuleDocs(rule) : null;
}
