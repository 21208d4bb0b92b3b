// Summarises a V8 .cpuprofile: self time by package, the plugin's inclusive time (top-most plugin
// frame on each stack), and the plugin functions (and what they call) that dominate it.
//
//   node --cpu-prof --cpu-prof-dir=.bench-tmp/prof bench/lint-once.mjs ours .bench-tmp/corpus-1000
//   node bench/profile-summary.mjs .bench-tmp/prof/<file>.cpuprofile
import { readFileSync } from 'node:fs';

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Self time per node from the samples and their time deltas.
const self = new Map();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const pkg = (url) => {
  if (!url) return '(native/gc/idle)';
  if (url.includes('/dist/') && !url.includes('node_modules')) return 'plugin (dist/)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  return url.startsWith('node:') ? 'node core' : url;
};
const isPlugin = (n) => n.callFrame.url.includes('/dist/') && !n.callFrame.url.includes('node_modules');
const label = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/.*\/(dist|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;

const byPkg = new Map();
const pluginInclusive = new Map(); // top-most plugin frame -> ms
const pluginCallees = new Map(); // self time of anything under a plugin frame, by function
let underPlugin = 0;
for (const [id, ms] of self) {
  const n = nodes.get(id);
  byPkg.set(pkg(n.callFrame.url), (byPkg.get(pkg(n.callFrame.url)) ?? 0) + ms);
  let top;
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) if (isPlugin(nodes.get(cur))) top = nodes.get(cur);
  if (top) {
    underPlugin += ms;
    pluginInclusive.set(label(top), (pluginInclusive.get(label(top)) ?? 0) + ms);
    pluginCallees.set(label(n), (pluginCallees.get(label(n)) ?? 0) + ms);
  }
}
const table = (map, limit) =>
  [...map].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([k, v]) => `  ${v.toFixed(0).padStart(7)} ms  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
console.log(`total sampled: ${total.toFixed(0)} ms`);
console.log(`self time by package:\n${table(byPkg, 12)}`);
console.log(`\ninside plugin frames (inclusive): ${underPlugin.toFixed(0)} ms (${((100 * underPlugin) / total).toFixed(1)}%)`);
console.log(`top-most plugin frames:\n${table(pluginInclusive, 12)}`);
console.log(`self time of functions under plugin frames:\n${table(pluginCallees, 15)}`);
