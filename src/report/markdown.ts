import type { Report } from './index.js';

export interface MarkdownOptions {
  /** Prefix for file links, e.g. `https://github.com/acme/api/blob/<sha>`; default: relative links. */
  linkBase?: string;
  /** Rows of the folder table and of the offender list. */
  limit?: number;
}

const escape = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;
const shortRule = (ruleId: string): string => ruleId.replace(/^async-governance\//, '');

/** The report as Markdown for a pull-request comment: summary line, folders, offenders, coverage. */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const limit = options.limit ?? 20;
  const link = (file: string, line?: number): string => {
    const target = `${options.linkBase ? `${options.linkBase.replace(/\/+$/, '')}/` : ''}${file}${line ? `#L${line}` : ''}`;
    return `[${file}${line ? `:${line}` : ''}](${encodeURI(target)})`;
  };
  const { summary } = report;
  const lines: string[] = [];
  lines.push(`## Async governance: ${summary.compliance}% of background work on the manager`);
  lines.push('');
  const parts = [
    `**${summary.managed}** managed submission${summary.managed === 1 ? '' : 's'}`,
    `**${summary.rawBackground}** raw background site${summary.rawBackground === 1 ? '' : 's'}`,
    `${summary.violations} violation${summary.violations === 1 ? '' : 's'} in all`,
    `${summary.exempt.managed + summary.exempt.violations} exempt`,
    `${summary.files} files`,
  ];
  lines.push(parts.join(' · '));
  if (report.baseline) {
    const { newViolations, fixedViolations, complianceDelta } = report.baseline;
    const delta = complianceDelta === null ? '' : ` · compliance ${complianceDelta >= 0 ? '+' : ''}${complianceDelta} points`;
    lines.push('');
    lines.push(`Since the baseline: **${newViolations.length} new**, ${fixedViolations.length} fixed${delta}.`);
  }
  if (summary.parseErrors > 0) lines.push('', `⚠️ ${summary.parseErrors} file(s) could not be parsed and are not counted.`);

  if (report.folders.length > 0) {
    lines.push('', '### By folder', '', '| Folder | Managed | Raw | Compliance | Violations |', '| --- | ---: | ---: | ---: | ---: |');
    for (const folder of report.folders.slice(0, limit)) {
      lines.push(`| ${escape(folder.folder)} | ${folder.managed} | ${folder.raw} | ${folder.compliance}% | ${folder.violations} |`);
    }
    if (report.folders.length > limit) lines.push('', `… and ${report.folders.length - limit} more folders in the JSON report.`);
  }

  const rules = Object.entries(summary.violationsByRule);
  if (rules.length > 0) {
    lines.push('', '### By rule', '', '| Rule | Reports |', '| --- | ---: |');
    for (const [ruleId, count] of rules) lines.push(`| ${code(shortRule(ruleId))} | ${count} |`);
  }

  if (report.worstFiles.length > 0) {
    lines.push('', '### Top offenders', '');
    for (const file of report.worstFiles) {
      const first = report.violations.find((violation) => violation.file === file.file);
      lines.push(`- ${link(file.file, first?.line)}: ${file.raw} raw, ${file.violations} violation${file.violations === 1 ? '' : 's'}`);
    }
  }

  const newOnes = report.baseline?.newViolations ?? [];
  if (newOnes.length > 0) {
    lines.push('', '### New since the baseline', '');
    for (const violation of newOnes.slice(0, limit)) {
      lines.push(`- ${link(violation.file, violation.line)} ${code(shortRule(violation.ruleId))}: ${escape(violation.message)}`);
    }
  }

  const flagged = report.managed.filter((site) => site.flags.length > 0 && site.exempt === null);
  if (flagged.length > 0) {
    lines.push('', '### Tags that lack required keys across files', '');
    for (const site of flagged.slice(0, limit)) {
      lines.push(`- ${link(site.file, site.line)}: tags lack ${site.tags?.missingKeys.map(code).join(', ')}`);
    }
  }

  if (summary.managed > 0) {
    lines.push('', '### Priorities', '', '| Priority | Tasks |', '| --- | ---: |');
    for (const [priority, count] of Object.entries(report.priorities)) {
      if (count > 0) lines.push(`| ${priority === 'invalid' || priority === 'dynamic' || priority === 'missing' ? `_${priority}_` : code(`${report.manager.priorityEnum}.${priority}`)} | ${count} |`);
    }
    const { tags } = report;
    lines.push('', '### Tag coverage', '', '| Tag | Submissions | Coverage |', '| --- | ---: | ---: |');
    for (const [tag, coverage] of Object.entries(tags.byKey)) lines.push(`| ${code(tag)} | ${coverage.count} | ${coverage.percent}% |`);
    lines.push(`| _all required_ | ${tags.complete.count} | ${tags.complete.percent}% |`);
  }

  const exemptKinds = Object.entries(summary.exempt.byKind).filter(([, count]) => count > 0);
  if (exemptKinds.length > 0) {
    lines.push('', `Exempt and not counted: ${exemptKinds.map(([kind, count]) => `${count} in ${kind}`).join(', ')}.`);
  }
  return `${lines.join('\n')}\n`;
}
