import type { TSESLint } from '@typescript-eslint/utils';

export const REPOSITORY_URL = 'https://github.com/async-governance/eslint-plugin-async-governance';

export type ConfigName = 'recommended' | 'strict';

/** `recommended` names the lightest config that enables the rule, or gives the options per config. */
export interface GovernanceDocs {
  description: string;
  recommended: ConfigName | Partial<Record<ConfigName, readonly unknown[]>>;
  requiresTypeChecking: boolean;
  url?: string;
}

export type RuleModule<MessageIds extends string, Options extends readonly unknown[]> = TSESLint.RuleModule<
  MessageIds,
  Options,
  GovernanceDocs
> & { name: string; meta: TSESLint.RuleMetaData<MessageIds, GovernanceDocs, Options> };

export type RuleContext<MessageIds extends string, Options extends readonly unknown[]> = Readonly<
  TSESLint.RuleContext<MessageIds, Options>
>;

interface RuleDefinition<MessageIds extends string, Options extends readonly unknown[]> {
  name: string;
  meta: Omit<TSESLint.RuleMetaData<MessageIds, GovernanceDocs, Options>, 'docs'> & {
    docs: Omit<GovernanceDocs, 'url'>;
  };
  defaultOptions: Options;
  create: (context: RuleContext<MessageIds, Options>, options: Options) => TSESLint.RuleListener;
}

export const docsUrl = (name: string): string => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function mergeDefaults(defaults: unknown, given: unknown): unknown {
  if (given === undefined) return defaults;
  if (!isObject(defaults) || !isObject(given)) return given;
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(given)) merged[key] = mergeDefaults(defaults[key], value);
  return merged;
}

/** Fills user options over `defaultOptions` (objects key by key, arrays replaced). */
export function applyDefaultOptions<Options extends readonly unknown[]>(
  defaults: Options,
  given: readonly unknown[],
): Options {
  return defaults.map((value, index) => mergeDefaults(value, given[index])) as unknown as Options;
}

/** Defines a rule with its docs URL and defaults applied before `create` runs. */
export function createRule<MessageIds extends string, Options extends readonly unknown[]>(
  definition: RuleDefinition<MessageIds, Options>,
): RuleModule<MessageIds, Options> {
  const { name, meta, defaultOptions, create } = definition;
  return {
    name,
    meta: { ...meta, docs: { ...meta.docs, url: docsUrl(name) }, defaultOptions } as RuleModule<MessageIds, Options>['meta'],
    defaultOptions,
    create(context) {
      return create(context, applyDefaultOptions(defaultOptions, context.options));
    },
  };
}
