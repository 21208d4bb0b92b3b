import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

// Realistic service code with raw loops, each compiling under `strict` as written. Every loop
// suggestion applied to it must still compile against the example service's manager, keep
// `stop()` stopping the work, and leave nothing for the rules to report.
const SERVICES: Record<string, string> = {
  'metrics-reporter': `import { EventEmitter } from 'node:events';

export class MetricsReporter extends EventEmitter {
  private timer?: NodeJS.Timeout;
  private readonly buffer: number[] = [];

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.flush();
    }, 5000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  record(value: number): void {
    this.buffer.push(value);
  }

  private async flush(): Promise<void> {
    const batch = this.buffer.splice(0);
    this.emit('flushed', batch.length);
  }
}
`,
  'health-checker': `import { EventEmitter } from 'node:events';

export class PooledClient extends EventEmitter {
  private readonly healthCheck: ReturnType<typeof setInterval>;

  constructor(private readonly url: string) {
    super();
    this.healthCheck = setInterval(() => void this.ping(), 30_000);
    this.on('end', () => clearInterval(this.healthCheck));
  }

  private async ping(): Promise<void> {
    await fetch(this.url, { method: 'HEAD' });
  }
}
`,
  'cache-sweeper': `let sweeper: NodeJS.Timeout | null = null;

export function startSweeper(cache: Map<string, { expiresAt: number }>): void {
  sweeper = setInterval(() => {
    const now = Date.now();
    for (const [key, entry] of cache) {
      if (entry.expiresAt < now) cache.delete(key);
    }
  }, 60_000);
}

export function stopSweeper(): void {
  if (sweeper) clearInterval(sweeper);
  sweeper = null;
}
`,
  'queue-watcher': `export interface Queue {
  drain(): Promise<number>;
}

export function watchQueue(queue: Queue): { stop(): void } {
  const timer = setInterval(async () => {
    await queue.drain();
  }, 1000);
  return { stop: () => clearInterval(timer) };
}
`,
  poller: `export class Poller {
  private handle: NodeJS.Timeout | null = null;

  constructor(private readonly intervalMs: number, private readonly source: { next(): Promise<string[]> }) {}

  schedule(): void {
    this.handle = setTimeout(async () => {
      await this.pollOnce();
      this.schedule();
    }, this.intervalMs);
  }

  stop(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = null;
  }

  private async pollOnce(): Promise<void> {
    await this.source.next();
  }
}
`,
  consumer: `const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Consumer {
  private running = false;

  async run(): Promise<void> {
    this.running = true;
    while (this.running) {
      await this.pollOnce();
      await sleep(1000);
    }
  }

  stop(): void {
    this.running = false;
  }

  private async pollOnce(): Promise<void> {}
}
`,
  'usage-reporter': `import { setInterval as every } from 'node:timers/promises';

export class UsageReporter {
  private readonly controller = new AbortController();

  async run(): Promise<void> {
    for await (const startedAt of every(60_000, Date.now(), { signal: this.controller.signal })) {
      await this.report(startedAt);
    }
  }

  stop(): void {
    this.controller.abort();
  }

  private async report(since: number): Promise<void> {}
}
`,
  ticker: `export class Ticker {
  private timer: NodeJS.Timeout | undefined;
  private ticks = 0;

  start(): void {
    this.timer = setInterval(this.tick.bind(this), 1000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    this.ticks += 1;
  }
}
`,
  syncer: `export class Syncer {
  private timer?: NodeJS.Timeout;
  private stopped = false;

  start(): void {
    this.stopped = false;
    this.loop();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private loop(): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      try {
        await this.sync();
      } finally {
        this.loop();
      }
    }, 10_000);
  }

  private async sync(): Promise<void> {}
}
`,
  heartbeat: `import { clearInterval, setInterval } from 'node:timers';

export class Heartbeat {
  private timer?: NodeJS.Timeout;

  start(): void {
    this.timer = setInterval(() => void this.beat(), 15_000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async beat(): Promise<void> {}
}
`,
  'lease-keeper': `export class LeaseKeeper {
  constructor(private readonly ttlMs: number) {}

  start(): void {
    setInterval(async () => {
      await this.renew();
    }, this.ttlMs / 2).unref();
  }

  private async renew(): Promise<void> {}
}
`,
};

const root = path.resolve(__dirname, '../..');
const manager = path.join(root, 'examples/service/src/infra/background-manager.ts');
const SETTINGS = {
  manager: { module: '@/infra/background-manager' },
  exemptions: { frameworkInternals: ['**/src/infra/**'] },
};
const PERIODIC = { ...SETTINGS, manager: { ...SETTINGS.manager, periodic: { method: 'submitEnhancedTask', interval: 'intervalMs' } } };

function lint(project: string, file: string, code: string, settings: object): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat', cwd: path.dirname(project) });
  return linter.verify(code, [{
    files: ['**/*.ts'],
    languageOptions: { parser: parser as unknown as Linter.Parser },
    plugins: { 'async-governance': plugin as never },
    rules: {
      'async-governance/no-raw-service-loop': 'error',
      'async-governance/no-fire-and-forget': 'error',
      'async-governance/require-task-metadata': 'error',
    },
    settings: { 'async-governance': settings },
  }], file);
}

/** Applies the first loop suggestion, one report at a time, until no loop is reported. */
function applyLoopSuggestions(project: string, file: string, code: string, settings: object): { code: string; applied: number } {
  let current = code;
  for (let applied = 0; applied < 10; applied += 1) {
    const loop = lint(project, file, current, settings).find((message) => message.ruleId === 'async-governance/no-raw-service-loop');
    if (!loop) return { code: current, applied };
    const fix = loop.suggestions?.[0]?.fix;
    if (!fix) throw new Error(`no suggestion for ${file}:${loop.line}`);
    current = current.slice(0, fix.range[0]) + fix.text + current.slice(fix.range[1]);
  }
  throw new Error(`suggestions for ${file} do not converge`);
}

describe('loop suggestions under tsc --strict', () => {
  let workspace: string;
  let project: string;
  const results: { name: string; file: string; code: string; applied: number; settings: object }[] = [];
  let diagnostics = '';

  beforeAll(() => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'loop-suggestions-'));
    // Task names come from the folder above src/: the service is "orders".
    project = path.join(workspace, 'orders');
    mkdirSync(path.join(project, 'src/infra'), { recursive: true });
    mkdirSync(path.join(project, 'src/before'));
    mkdirSync(path.join(project, 'src/after'));
    mkdirSync(path.join(project, 'src/periodic'));
    copyFileSync(manager, path.join(project, 'src/infra/background-manager.ts'));
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        strict: true,
        // Services commonly fail the build on unused imports: the suggestions must not leave any.
        noUnusedLocals: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [path.join(root, 'node_modules/@types')],
        paths: { '@/*': ['./src/*'] },
      },
      include: ['src'],
    }));
    for (const [name, code] of Object.entries(SERVICES)) {
      writeFileSync(path.join(project, 'src/before', `${name}.ts`), code);
      for (const [folder, settings] of [['after', SETTINGS], ['periodic', PERIODIC]] as const) {
        const file = path.join(project, 'src', folder, `${name}.ts`);
        const result = applyLoopSuggestions(project, file, code, settings);
        writeFileSync(file, result.code);
        results.push({ name: `${folder}/${name}`, file, settings, ...result });
      }
    }
    // One compiler run over every file, before and after.
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    try {
      execFileSync(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { encoding: 'utf8' });
    } catch (error) {
      diagnostics = String((error as { stdout?: string }).stdout ?? error);
    }
  }, 120_000);

  afterAll(() => {
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('every service had a loop to rewrite', () => {
    expect(results.filter((result) => result.applied === 0).map((result) => result.name)).toEqual([]);
  });

  it('compiles before and after every suggestion', () => {
    expect(diagnostics).toBe('');
  });

  it('leaves nothing for the rules to report: the task awaits its work and carries its metadata', () => {
    const remaining = results.flatMap(({ name, file, code, settings }) =>
      lint(project, file, code, settings).map((message) => `${name}:${message.line} ${message.ruleId}: ${message.message}`));
    expect(remaining).toEqual([]);
  });

  it('turns every clear of a stored handle into an abort of the task', () => {
    for (const { name, code } of results) {
      expect(code, name).not.toMatch(/clear(Interval|Timeout)\(/);
      if (/clear(Interval|Timeout)\(/.test(SERVICES[name.split('/')[1]])) expect(code, name).toMatch(/\?\.abort\(\)|\.abort\(\)/);
    }
  });
});
