#!/usr/bin/env node
'use strict';
// Summarises a V8 .cpuprofile (from `npm run bench -- --profile`, or node --cpu-prof):
// self time by function (top N) and by package (node_modules/<pkg>, node: internals, app code),
// and total (inclusive) time of the functions whose name or file matches --focus.
//
//   node test/bench/profile-summary.js <file.cpuprofile> [--top=25] [--focus=regex] [--skip=seconds]
const { readFileSync } = require('node:fs');

/** Self time per node id (microseconds), leaving out the first `skipS` seconds (start-up). */
function load(file, skipS = 0) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  let t = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    t += deltas[i] || 0;
    if (t < skipS * 1e6) continue;
    const id = profile.samples[i];
    const next = deltas[i + 1] || 0; // a sample's duration is the gap to the next one
    self.set(id, (self.get(id) || 0) + next);
  }
  const parent = new Map();
  for (const node of profile.nodes)
    for (const child of node.children || []) parent.set(child, node.id);
  return { profile, byId, self, parent };
}

function packageOf(url) {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = url.indexOf('/dist/');
  if (dist >= 0)
    return `app: ${url
      .slice(dist + 6)
      .split('/')
      .slice(0, 2)
      .join('/')}`;
  return url;
}

function label(frame) {
  const file = frame.url
    ? frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '')
    : '';
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

function summarise(file, { top = 25, focus, skipS = 0 } = {}) {
  const { byId, self, parent } = load(file, skipS);
  let total = 0;
  let idle = 0;
  const functions = new Map();
  const packages = new Map();
  const focused = new Map();
  const stacks = new Map();
  const focusRe = focus ? new RegExp(focus) : undefined;
  for (const [id, us] of self) {
    const node = byId.get(id);
    const frame = node.callFrame;
    total += us;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    const onStack = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur).callFrame;
      if (f.url) onStack.add(packageOf(f.url));
    }
    for (const pkg of onStack) stacks.set(pkg, (stacks.get(pkg) || 0) + us);
    const key = label(frame);
    functions.set(key, (functions.get(key) || 0) + us);
    const pkg =
      frame.functionName === '(garbage collector)' ? '(garbage collector)' : packageOf(frame.url);
    packages.set(pkg, (packages.get(pkg) || 0) + us);
    if (focusRe) {
      // inclusive: charge each matching ancestor once
      const seen = new Set();
      for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
        const f = byId.get(cur).callFrame;
        const name = label(f);
        if (!seen.has(name) && focusRe.test(name)) {
          seen.add(name);
          focused.set(name, (focused.get(name) || 0) + us);
        }
      }
    }
  }
  const busy = total - idle;
  const pct = (us) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  const ms = (us) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
  const lines = [];
  lines.push(`${file}\n  busy ${ms(busy)} (idle ${ms(idle)}); percentages of busy time\n`);
  lines.push('Self time by package:');
  for (const [k, v] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    lines.push(`  ${pct(v)} ${ms(v)}  ${k}`);
  }
  lines.push('\nInclusive time by package (samples with the package anywhere on the stack):');
  for (const [k, v] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    lines.push(`  ${pct(v)} ${ms(v)}  ${k}`);
  }
  lines.push(`\nTop ${top} functions by self time:`);
  for (const [k, v] of [...functions]
    .sort((a, b) => b[1] - a[1])
    .filter(([k]) => !k.startsWith('(idle)'))
    .slice(0, top)) {
    lines.push(`  ${pct(v)} ${ms(v)}  ${k}`);
  }
  if (focusRe) {
    lines.push(`\nInclusive time of functions matching /${focus}/:`);
    for (const [k, v] of [...focused].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      lines.push(`  ${pct(v)} ${ms(v)}  ${k}`);
    }
  }
  return lines.join('\n');
}

module.exports = { summarise };

if (require.main === module) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write(
      'usage: node test/bench/profile-summary.js <file.cpuprofile> [--top=N] [--focus=regex] [--skip=s]\n',
    );
    process.exit(2);
  }
  const opt = (name) => {
    const found = args.find((a) => a.startsWith(`--${name}=`));
    return found ? found.slice(name.length + 3) : undefined;
  };
  console.log(
    summarise(file, {
      top: Number(opt('top') || 25),
      focus: opt('focus'),
      skipS: Number(opt('skip') || 0),
    }),
  );
}
