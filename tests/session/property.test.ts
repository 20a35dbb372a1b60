// Property-based: random sizes, directions and interleavings; nothing lost, reordered or corrupted.
import { expect } from 'chai';
import fc from 'fast-check';
import { IcmsgSession } from '../../harness/session/icmsg-session.js';
import type { UnboundMode, WireGeneration } from '../../harness/session/options.js';
import { createInProcessLink } from '../../harness/transport/in-process-link.js';
import { collect } from '../helpers/session-pair.js';
import { YieldingMemory } from '../helpers/yielding-memory.js';

interface Scenario {
  readonly wire: WireGeneration;
  readonly unbound: UnboundMode;
  readonly regionSize: number;
  readonly appToNet: number[];
  readonly netToApp: number[];
  readonly seed: number;
}

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    wire: fc.constantFrom<WireGeneration>('pbuf', 'spsc'),
    unbound: fc.constantFrom<UnboundMode>('disable', 'enable', 'detect'),
    // Small regions make wrap-around and a full FIFO happen constantly.
    regionSize: fc.constantFrom(64, 96, 128, 260, 1024),
    appToNet: fc.array(fc.integer({ min: 1, max: 4096 }), { maxLength: 200, size: 'medium' }),
    netToApp: fc.array(fc.integer({ min: 1, max: 4096 }), { maxLength: 200, size: 'medium' }),
    seed: fc.integer(),
  })
  .map((s) => (s.wire === 'spsc' ? { ...s, unbound: 'disable' as const } : s));

/** A message whose bytes identify its direction, index and length, so corruption shows. */
function message(direction: number, index: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (direction * 131 + index * 17 + i * 7 + length) & 0xff;
  return out;
}

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 29; // 0..7
  };
}

async function run(s: Scenario): Promise<void> {
  const started = Date.now();
  const link = createInProcessLink(s.regionSize);
  const random = lcg(s.seed);
  const turns = () => {
    const r = random();
    return r < 4 ? 0 : r - 3; // mostly immediate, sometimes 1..4 turns late
  };
  const end = (side: typeof link.a) => ({ ...side, tx: new YieldingMemory(side.tx, turns), rx: new YieldingMemory(side.rx, turns) });
  const common = { wire: s.wire, unbound: s.unbound, dcacheAlignment: s.wire === 'pbuf' ? 8 : 0, resignalIntervalMs: 2, openTimeoutMs: 5000 };
  const app = new IcmsgSession({ ...common, ...end(link.a), peerRxLimit: 0xffff });
  const net = new IcmsgSession({ ...common, ...end(link.b), peerRxLimit: 0xffff });
  const watchdog = setTimeout(() => {
    const bytes = link.memory.bytes;
    console.error('HANG', JSON.stringify(s), app.state, net.state, app.stats, net.stats,
      'A:', bytes.subarray(0, s.regionSize).toString('hex'), 'B:', bytes.subarray(s.regionSize).toString('hex'), String(app.lastError), String(net.lastError));
  }, 15000);
  try {
    await Promise.all([app.open(), net.open()]);
    const fit = (sizes: number[]) => sizes.map((size) => 1 + ((size - 1) % app.maxMessageLength));
    const appSizes = fit(s.appToNet);
    const netSizes = fit(s.netToApp);
    const atNet = collect(net, appSizes.length, 20000);
    const atApp = collect(app, netSizes.length, 20000);
    // Both directions at once, every send waiting for room: full-buffer back-pressure.
    const sendAll = (from: IcmsgSession, sizes: number[], direction: number) =>
      Promise.all(sizes.map((size, i) => from.send(message(direction, i, size), { waitForSpaceMs: 20000 })));
    await Promise.all([sendAll(app, appSizes, 1), sendAll(net, netSizes, 2)]);
    const [gotNet, gotApp] = await Promise.all([atNet, atApp]);
    expect(gotNet.map((m) => m.length)).to.deep.equal(appSizes);
    expect(gotApp.map((m) => m.length)).to.deep.equal(netSizes);
    gotNet.forEach((m, i) => expect(Buffer.from(m).equals(message(1, i, m.length)), `app->net #${i}`).to.equal(true));
    gotApp.forEach((m, i) => expect(Buffer.from(m).equals(message(2, i, m.length)), `net->app #${i}`).to.equal(true));
    expect(app.stats.errors + net.stats.errors, String(app.lastError ?? net.lastError)).to.equal(0);
    if (process.env.PROPERTY_TRACE) console.log(s.wire, s.unbound, s.regionSize, appSizes.length, netSizes.length, Date.now() - started, 'ms');
  } finally {
    clearTimeout(watchdog);
    await Promise.allSettled([app.close(), net.close()]);
  }
}

describe('session properties (fast-check)', function () {
  this.timeout(120000);

  it('no loss, no reordering, no corruption over random sizes, interleavings and back-pressure', async () => {
    await fc.assert(fc.asyncProperty(scenario, run), { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) });
  });

  it('wrap-around is exercised: many messages through a tiny region', async () => {
    await run({ wire: 'pbuf', unbound: 'enable', regionSize: 64, appToNet: Array.from({ length: 300 }, (_, i) => 1 + (i % 37)), netToApp: [5, 9, 13], seed: 7 });
    await run({ wire: 'spsc', unbound: 'disable', regionSize: 96, appToNet: Array.from({ length: 300 }, (_, i) => 1 + (i % 61)), netToApp: [70, 1, 33], seed: 9 });
  });
});
