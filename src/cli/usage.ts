/** `async-governance <command> --help`: what each command takes, printed on stdout with exit 0. */
export const COMMAND_USAGE: Record<string, string> = {
  check: `Usage: async-governance check [paths...] [options]

Lint files with the async-governance rules (zero configuration; default path: .).

Options:
  -f, --format stylish|json|sarif   Output format (default stylish)
  --fix                             Apply the autofixes and write the files
  --stdin                           Lint standard input (with --stdin-filename FILE)
  --stdin-filename FILE             The path standard input is linted as
  --max-warnings N                  Exit 1 when there are more than N warnings
  -c, --config FILE                 Settings file for every file (turns the search off)
  -o, --output-file FILE            Write the report to FILE
  --suppress-all                    Record every current error in eslint-suppressions.json
  --prune-suppressions              Drop suppressions that no longer match
  --suppressions-location FILE      Use another suppressions file
  -h, --help                        Show this help

Exit codes: 0 clean, 1 violations, 2 usage or configuration error.`,
  hook: `Usage: async-governance hook [options] < event.json

Pre-write check for AI coding agents: reads one hook event on stdin (Claude Code, Codex CLI,
Gemini CLI, Cursor, GitHub Copilot, Windsurf, Cline, Kiro), lints the files as they would be
after the change and blocks only the violations the change introduces.

Options:
  --agent NAME            Read and answer the event as this agent's
                          (claude, codex, gemini, cursor, copilot, windsurf, cline, kiro)
  --post                  After the write: report new violations back to the agent, never block
  --stdin-filename FILE   Generic mode: the full proposed content of FILE on stdin
  --fail-closed           Block when the change cannot be checked (default: allow it)
  -c, --config FILE       Settings file (turns the search off)
  --parser oxc|typescript Parser for the check (default oxc)
  -h, --help              Show this help

Exit codes: 0 allow (or the agent's JSON decision on stdout), 2 block.`,
  report: `Usage: async-governance report [paths...] [options]

Compliance inventory: managed vs raw background work, priorities, tags, per folder.

Options:
  -p, --project TSCONFIG   TypeScript project for the submission catalogue
  -o, --out DIR            Output folder (default async-governance-report)
  -f, --format markdown|json   What goes to stdout (both files are written)
  --baseline FILE          A previous report.json to compare with
  --fail-under PCT         Exit 1 when compliance is below PCT
  --fail-on-new            Exit 1 on violations not in the baseline
  --link-base URL          Link file names in the Markdown to URL
  -c, --config FILE        Settings file (turns the search off)
  -h, --help               Show this help

Exit codes: 0 done, 1 a failed gate, 2 error.`,
  init: `Usage: async-governance init [dir] [options]

Add the ESLint config, a lint-staged entry and the AI agents' hook configuration to a
repository, merged into existing files without clobbering them.

Options:
  --agent LIST   Agents to wire: claude, codex, gemini, cursor, copilot (comma-separated;
                 default: every agent whose folder exists, plus Claude Code)
  --manager [path]  Also write a background task manager (default src/infra/background-manager.ts)
  --force        With --manager, replace an existing manager file
  --dry-run      Show what would change and write nothing
  -h, --help     Show this help

Exit codes: 0 done, 2 error.`,
};

/** True when the arguments ask for help rather than a run. */
export const wantsHelp = (argv: string[]): boolean => argv.some((arg) => arg === '--help' || arg === '-h');
