'use strict';
// The stdout summary: a figures table (service beside its baseline) and a targets table, both in
// Markdown so the README's Performance section can take them as they are.

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

const fmt = (value, unit = '') => (value === null || value === undefined ? '-' : `${value}${unit}`);
const pair = (a, b) => `${fmt(a)} / ${fmt(b)}`;
const ratio = (a, b) => (a && b ? `${Math.round((a / b) * 100) / 100}x` : '-');
const delta = (a, b) =>
  Number.isFinite(a) && Number.isFinite(b)
    ? `${a - b >= 0 ? '+' : ''}${Math.round((a - b) * 100) / 100}`
    : '-';

/** Target 2 through the bare baseline: what any process adds over the emulator on this machine. */
function bareLatencyRows(scenario) {
  const { baseline: b, emulator: e } = scenario;
  if (!b) return [];
  const name = `2 latency bare @${scenario.rate}/s`;
  return [
    [
      name,
      'JSON turn p50 / p99 ms',
      pair(b.json.p50, b.json.p99),
      pair(e.p50, e.p99),
      `${delta(b.json.p50, e.p50)} / ${delta(b.json.p99, e.p99)}`,
    ],
    [
      name,
      'SSE first delta p50 ms',
      b.sse.firstDeltaP50,
      e.firstByteP50,
      delta(b.sse.firstDeltaP50, e.firstByteP50),
    ],
  ];
}

function figureRows(scenario) {
  switch (scenario.id) {
    case 1: {
      const { service: s, baseline: b } = scenario;
      return [
        ['1 turns', 'turns/s', s.rps, b.rps, ratio(s.rps, b.rps)],
        ['1 turns', 'p50 / p99 ms', pair(s.p50, s.p99), pair(b.p50, b.p99), '-'],
        [
          '1 turns',
          'CPU ms/turn',
          s.cpuMsPerReq,
          b.cpuMsPerReq,
          ratio(s.cpuMsPerReq, b.cpuMsPerReq),
        ],
      ];
    }
    case 2: {
      const { service: s, emulator: e } = scenario;
      return [
        [
          '2 latency',
          'max turns/s (CPU ms/turn)',
          `${scenario.maxRate} (${scenario.maxRateCpuMsPerTurn})`,
          '-',
          '-',
        ],
        [
          `2 latency @${scenario.rate}/s`,
          'JSON turn p50 / p99 ms',
          pair(s.json.p50, s.json.p99),
          pair(e.p50, e.p99),
          `${delta(s.json.p50, e.p50)} / ${delta(s.json.p99, e.p99)}`,
        ],
        [
          `2 latency @${scenario.rate}/s`,
          'SSE first delta p50 ms',
          s.sse.firstDeltaP50,
          e.firstByteP50,
          delta(s.sse.firstDeltaP50, e.firstByteP50),
        ],
        [
          `2 latency @${scenario.rate}/s`,
          'SSE first byte p50 ms',
          s.sse.firstByteP50,
          e.firstByteP50,
          delta(s.sse.firstByteP50, e.firstByteP50),
        ],
        ...bareLatencyRows(scenario),
      ];
    }
    case 3: {
      const f = scenario.floor;
      const lagOf = (x) => `${x.lag.p50} / ${x.lag.p99} / ${x.lag.max}`;
      // The bare baseline streaming the same turns (baseline-streaming.js), when it ran.
      const bare = scenario.variants.find((v) => v.baseline);
      const versusBare = (v, pick, what) =>
        bare && !v.baseline ? `${ratio(pick(v), pick(bare))} ${what}` : '-';
      return scenario.variants.flatMap((v) => [
        [
          `3 streams ${v.variant}`,
          'complete / stored (peak concurrent)',
          `${v.completed} / ${v.storedMatching} of ${v.streams} (${v.peakConcurrent})`,
          '-',
          '-',
        ],
        [
          `3 streams ${v.variant}`,
          'lag p50 / p99 / max ms',
          lagOf(v),
          f ? lagOf(f) : '-',
          f ? `${delta(v.lag.p99, f.lag.p99)} (p99)` : '-',
        ],
        [
          `3 streams ${v.variant}`,
          'upstream chunks/s per stream',
          v.upstreamPace.chunksPerSecond,
          f ? f.upstreamPace.chunksPerSecond : '-',
          '-',
        ],
        [
          `3 streams ${v.variant}`,
          'RSS max MiB (idle)',
          `${v.rss.maxMiB} (${v.rss.beforeMiB})`,
          bare && !v.baseline ? `${bare.rss.maxMiB} (${bare.rss.beforeMiB})` : '-',
          versusBare(v, (x) => x.rss.maxMiB, 'bare'),
        ],
        [
          `3 streams ${v.variant}`,
          'service CPU % (ms/event)',
          `${v.cpu.avgPct} (${v.cpu.msPerEvent})`,
          bare && !v.baseline ? `${bare.cpu.avgPct} (${bare.cpu.msPerEvent})` : '-',
          versusBare(v, (x) => x.cpu.msPerEvent, 'bare (ms/event)'),
        ],
      ]);
    }
    case 4: {
      const { service: s, baseline: b } = scenario;
      // Runs from before the half-rate read have only list and read.
      return ['list', 'read', 'readHalfRate']
        .filter((kind) => s[kind])
        .flatMap((kind) => {
          const label = `4 history ${kind === 'readHalfRate' ? 'read' : kind} @${s[kind].rate}/s`;
          return [
            [
              label,
              'p50 / p99 ms',
              pair(s[kind].p50, s[kind].p99),
              pair(b[kind].p50, b[kind].p99),
              ratio(s[kind].p99, b[kind].p99),
            ],
            [
              label,
              'CPU ms/req',
              s[kind].cpuMsPerReq,
              b[kind].cpuMsPerReq,
              ratio(s[kind].cpuMsPerReq, b[kind].cpuMsPerReq),
            ],
          ];
        });
    }
    case 5:
      if (!scenario.available) return [['5 proxy /chat', '-', 'not available yet', '-', '-']];
      return [
        [
          '5 proxy /chat',
          'req/s (CPU ms/req)',
          `${scenario.maxRate} (${scenario.cpuMsPerReq})`,
          '-',
          '-',
        ],
        [
          `5 proxy /chat @${scenario.rate}/s`,
          'p50 / p99 ms',
          pair(scenario.service.p50, scenario.service.p99),
          pair(scenario.emulator.p50, scenario.emulator.p99),
          delta(scenario.service.p50, scenario.emulator.p50),
        ],
      ];
    case 6: {
      const row = (route, name) => [
        [`6 ${name}`, 'req/s (CPU ms/req)', `${route.rps} (${route.cpuMsPerReq})`, '-', '-'],
        [
          `6 ${name} @${scenario.rate}/s`,
          'p50 / p99 ms',
          pair(route.service.p50, route.service.p99),
          pair(route.emulator.p50, route.emulator.p99),
          delta(route.service.p50, route.emulator.p50),
        ],
      ];
      return [...row(scenario.openai, '/v1/chat/completions'), ...row(scenario.chat, '/chat')];
    }
    default:
      return [];
  }
}

/** Prints both tables; returns the number of missed targets. */
function printTables(results, log) {
  log(
    '\nFigures (baseline: bare node:http + pg for 1 and 4, and for the RSS and CPU of 3 (the rows named baseline: the same streams through baseline-streaming.js); the emulator called directly for 2 (the rows named bare: the same turns through the bare baseline, signed calls on the wire), the lag of 3 (the floor: same streams, no service) and 5)\n',
  );
  log(
    table(
      ['scenario', 'figure', 'service', 'baseline', 'ratio / delta'],
      results.scenarios.flatMap(figureRows),
    ),
  );
  let missed = 0;
  const rows = results.scenarios.flatMap((s) =>
    s.checks.map((c) => {
      if (c.pass === false) missed += 1;
      return [
        s.id,
        c.what,
        fmt(c.value),
        c.target,
        c.pass === null ? 'n/a' : c.pass ? 'pass' : 'MISS',
      ];
    }),
  );
  log(`\nTargets (${results.mode} run)\n`);
  log(table(['#', 'target', 'value', 'goal', 'result'], rows));
  log(missed ? `\n${missed} target(s) missed` : '\nall targets met');
  return missed;
}

module.exports = { printTables };
