import { expect } from 'chai';
import type { UnboundMode, WireGeneration } from '../../harness/session/options.js';
import { isIcmsgError } from '../../harness/wire/errors.js';
import { ascii } from '../helpers/bytes.js';
import { collect, sessionPair } from '../helpers/session-pair.js';

interface Pairing {
  readonly app: UnboundMode;
  readonly net: UnboundMode;
  readonly alignment: number;
}

/** Every pairing Zephyr allows to bind (detect needs dcache-alignment >= 8). */
const PBUF_PAIRINGS: Pairing[] = [
  { app: 'disable', net: 'disable', alignment: 0 },
  { app: 'disable', net: 'disable', alignment: 8 },
  { app: 'enable', net: 'enable', alignment: 8 },
  { app: 'detect', net: 'disable', alignment: 8 },
  { app: 'disable', net: 'detect', alignment: 8 },
  { app: 'detect', net: 'enable', alignment: 8 },
  { app: 'enable', net: 'detect', alignment: 8 },
  { app: 'detect', net: 'detect', alignment: 8 },
];

async function bindAndExchange(wire: WireGeneration, pairing: Pairing, order: 'app-first' | 'net-first' | 'together') {
  const pair = sessionPair(
    { wire, unbound: pairing.app, dcacheAlignment: pairing.alignment },
    { wire, unbound: pairing.net, dcacheAlignment: pairing.alignment },
  );
  try {
    const events: string[] = [];
    pair.app.on('bound', () => events.push('app bound'));
    pair.net.on('bound', () => events.push('net bound'));
    if (order === 'together') {
      await Promise.all([pair.app.open(), pair.net.open()]);
    } else {
      const [first, second] = order === 'app-first' ? [pair.app, pair.net] : [pair.net, pair.app];
      const firstBound = first.open();
      await new Promise((resolve) => setTimeout(resolve, 20)); // the peer boots later
      await Promise.all([firstBound, second.open()]);
    }
    expect(events.sort()).to.deep.equal(['app bound', 'net bound']);
    const toNet = collect(pair.net, 3);
    const toApp = collect(pair.app, 2);
    expect(await pair.app.send(ascii('one'))).to.equal(3);
    await pair.app.send(ascii('two'));
    await pair.app.send(new Uint8Array(128).fill(7));
    await pair.net.send(ascii('reply'));
    await pair.net.send(Uint8Array.of(1));
    const netGot = await toNet;
    expect(netGot.map((m) => m.length)).to.deep.equal([3, 3, 128]);
    expect(new TextDecoder().decode(netGot[1])).to.equal('two');
    expect((await toApp).map((m) => m.length)).to.deep.equal([5, 1]);
    const expectedState = pairing.app === 'disable' || pairing.net === 'disable' ? 'connected-disable' : 'connected-enable';
    expect(pair.app.state).to.equal(expectedState);
    expect(pair.net.state).to.equal(expectedState);
  } finally {
    await pair.close();
  }
}

describe('session pairings (two host endpoints in process)', () => {
  for (const pairing of PBUF_PAIRINGS) {
    for (const order of ['app-first', 'net-first', 'together'] as const) {
      it(`pbuf: ${pairing.app} <-> ${pairing.net}, A=${pairing.alignment}, ${order}`, () => bindAndExchange('pbuf', pairing, order));
    }
  }
  for (const order of ['app-first', 'net-first', 'together'] as const) {
    it(`spsc: disable <-> disable, ${order}`, () => bindAndExchange('spsc', { app: 'disable', net: 'disable', alignment: 0 }, order));
  }

  it('enable: the worked example leaves 0x00020001 and 0x00010002 in the handshake words', async () => {
    const pair = sessionPair({ unbound: 'enable', dcacheAlignment: 8 });
    try {
      const appBound = pair.app.open();
      await new Promise((resolve) => setTimeout(resolve, 10));
      await Promise.all([appBound, pair.net.open()]);
      // app rx-region is region B (net's tx), its handshake word at offset 4.
      expect(pair.link.memory.bytes.readUInt32LE(0x800 + 4)).to.equal(0x00020001);
      expect(pair.link.memory.bytes.readUInt32LE(4)).to.equal(0x00010002);
    } finally {
      await pair.close();
    }
  });

  describe('pairings that cannot bind fail clearly', () => {
    const cases: Array<[string, Parameters<typeof sessionPair>[0], Parameters<typeof sessionPair>[1]]> = [
      ['different dcache-alignment', { unbound: 'disable', dcacheAlignment: 0 }, { unbound: 'disable', dcacheAlignment: 16 }],
      ['enable vs disable', { unbound: 'enable', dcacheAlignment: 8 }, { unbound: 'disable', dcacheAlignment: 8 }],
      ['pbuf vs spsc', { wire: 'pbuf' }, { wire: 'spsc' }],
    ];
    for (const [name, appOptions, netOptions] of cases) {
      it(`${name}: open() rejects with ETIMEDOUT naming the configuration`, async () => {
        const pair = sessionPair({ ...appOptions, openTimeoutMs: 300 }, { ...netOptions, openTimeoutMs: 300 });
        pair.app.on('error', () => undefined);
        pair.net.on('error', () => undefined);
        try {
          const results = await Promise.allSettled([pair.app.open(), pair.net.open()]);
          const appResult = results[0];
          expect(appResult.status).to.equal('rejected');
          const reason = (appResult as PromiseRejectedResult).reason as unknown;
          expect(isIcmsgError(reason, 'ETIMEDOUT'), String(reason)).to.equal(true);
          expect(String(reason)).to.match(/dcache-alignment/);
          expect(pair.app.state).to.equal('off');
        } finally {
          await pair.close();
        }
      });
    }

    it('enable side reports that the peer speaks the disable-mode magic', async () => {
      const pair = sessionPair({ unbound: 'enable', dcacheAlignment: 8, openTimeoutMs: 300 }, { unbound: 'disable', dcacheAlignment: 8, openTimeoutMs: 300 });
      const errors: string[] = [];
      pair.app.on('error', (error) => errors.push(error.message));
      try {
        await Promise.allSettled([pair.app.open(), pair.net.open()]);
        expect(errors.join('\n')).to.match(/unbound 'detect' or 'disable'/);
      } finally {
        await pair.close();
      }
    });
  });
});
