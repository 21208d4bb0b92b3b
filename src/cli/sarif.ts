import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ESLint } from 'eslint';
import { REPOSITORY_URL } from '../utils/create-rule.js';

interface RuleMeta {
  type?: string;
  fixable?: string;
  hasSuggestions?: boolean;
  docs?: { description?: string; url?: string };
}

export interface SarifTool {
  name: string;
  version: string;
  rules: Record<string, { meta?: RuleMeta }>;
  namespace: string;
}

const toUri = (file: string, cwd: string): string => {
  const relative = path.relative(cwd, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return pathToFileURL(file).href;
  return relative.split(path.sep).map(encodeURIComponent).join('/');
};

/**
 * A SARIF 2.1.0 log for GitHub code scanning: every rule's metadata, one result per message;
 * `automationDetails.id` names the run (one per shard) so code scanning keeps each upload.
 */
export function formatSarif(results: ESLint.LintResult[], tool: SarifTool, cwd: string, automationDetails?: { id: string }): string {
  const ruleIds = Object.keys(tool.rules).sort().map((id) => `${tool.namespace}/${id}`);
  const descriptors = ruleIds.map((id) => {
    const meta = tool.rules[id.slice(tool.namespace.length + 1)].meta ?? {};
    const description = meta.docs?.description ?? id;
    return {
      id,
      name: id,
      shortDescription: { text: description },
      fullDescription: { text: description },
      helpUri: meta.docs?.url ?? REPOSITORY_URL,
      help: { text: `${description}. See ${meta.docs?.url ?? REPOSITORY_URL}` },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['async', meta.type ?? 'problem'], precision: 'high', 'problem.severity': 'error' },
    };
  });
  const sarifResults: unknown[] = [];
  const notifications: unknown[] = [];
  for (const result of results) {
    const uri = toUri(result.filePath, cwd);
    for (const message of result.messages) {
      const location = {
        physicalLocation: {
          artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
          region: {
            startLine: Math.max(message.line ?? 1, 1),
            startColumn: Math.max(message.column ?? 1, 1),
            ...(message.endLine ? { endLine: message.endLine, endColumn: Math.max(message.endColumn ?? 1, 1) } : {}),
          },
        },
      };
      const ruleIndex = message.ruleId ? ruleIds.indexOf(message.ruleId) : -1;
      if (ruleIndex === -1) {
        // Parse errors and unknown rules have no descriptor: report them as tool notifications.
        notifications.push({ level: 'error', message: { text: message.message }, locations: [location] });
        continue;
      }
      sarifResults.push({
        ruleId: message.ruleId,
        ruleIndex,
        level: message.severity === 2 ? 'error' : 'warning',
        message: { text: message.message },
        locations: [location],
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool.name, version: tool.version, informationUri: REPOSITORY_URL, rules: descriptors } },
        ...(automationDetails ? { automationDetails } : {}),
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
