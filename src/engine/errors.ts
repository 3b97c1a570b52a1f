// Typed errors with stable codes and exit codes; the engine throws them, only the CLI exits.

export abstract class PysparseError extends Error {
  abstract readonly code: `PSL_${string}`;
  readonly exitCode: number = 2;
  readonly hint?: string;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = new.target.name;
    if (hint !== undefined) this.hint = hint;
  }
}

/** The configuration (file or options) names an unknown key, code or value. */
export class ConfigError extends PysparseError {
  readonly code = 'PSL_CONFIG_INVALID';
}

/** A plugin named in the configuration cannot be found or loaded, or its rules are invalid or collide. */
export class PluginError extends PysparseError {
  readonly code = 'PSL_PLUGIN_INVALID';
}

/** A command-line argument or API option that makes no sense. */
export class UsageError extends PysparseError {
  readonly code = 'PSL_USAGE';
}

/** The parser could not be loaded or failed outright (not a Python syntax error: those are findings). */
export class ParseError extends PysparseError {
  readonly code = 'PSL_PARSE_FAILED';
}

/** A rule threw: reported as an `internal-error` notification; the run goes on. */
export class RuleCrashError extends PysparseError {
  readonly code = 'PSL_RULE_CRASHED';
  readonly ruleId: string;
  readonly file: string;
  constructor(ruleId: string, file: string, cause: unknown) {
    super(`rule ${ruleId} crashed on ${file}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.ruleId = ruleId;
    this.file = file;
    this.cause = cause;
  }
}
