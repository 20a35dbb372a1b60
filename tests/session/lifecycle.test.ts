import { expect } from 'chai';
import { IcmsgSession } from '../../harness/session/icmsg-session.js';
import { createInProcessLink } from '../../harness/transport/in-process-link.js';
import { type IcmsgErrorCode, isIcmsgError } from '../../harness/wire/errors.js';
import { ascii } from '../helpers/bytes.js';
import { GatedDoorbell } from '../helpers/gated-doorbell.js';
import { collect, once, sessionPair } from '../helpers/session-pair.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

function expectCode(error: unknown, code: IcmsgErrorCode, pattern?: RegExp): void {
  expect(isIcmsgError(error, code), String(error)).to.equal(true);
  if (pattern) expect(String(error)).to.match(pattern);
}

describe('session life cycle', () => {
  it('close -> the peer sees unbound; peer re-open with a new session id -> unbound then bound again', async () => {
    const pair = sessionPair({ unbound: 'enable', dcacheAlignment: 8 });
    try {
      await Promise.all([pair.app.open(), pair.net.open()]);
      const events: string[] = [];
      pair.app.on('unbound', () => events.push('unbound'));
      pair.app.on('bound', () => events.push('bound'));

      const unbound = once(pair.app, 'unbound');
      await pair.net.close();
      expect(pair.link.memory.bytes.readUInt32LE(4)).to.equal(0); // net's handshake word: closed
      await unbound;
      // app re-opened by itself (reopenOnUnbound) and waits for a new peer session
      expect(pair.app.state).to.equal('initializing-enable');

      const rebound = once(pair.app, 'bound');
      await pair.net.open();
      await rebound;
      expect(events).to.deep.equal(['unbound', 'bound']);
      const got = collect(pair.net, 1);
      await pair.app.send(ascii('after re-open'));
      expect(new TextDecoder().decode((await got)[0])).to.equal('after re-open');
    } finally {
      await pair.close();
    }
  });

  it('peer re-opens while bound (a reset): unbound then bound, and traffic flows again', async () => {
    const pair = sessionPair({ unbound: 'enable', dcacheAlignment: 8 }, { unbound: 'enable', dcacheAlignment: 8, reopenOnUnbound: false });
    try {
      await Promise.all([pair.app.open(), pair.net.open()]);
      const events: string[] = [];
      pair.app.on('unbound', () => events.push('unbound'));
      pair.app.on('bound', () => events.push('bound'));
      // A reset remote never closes: it just opens again with a new session id.
      const netSession = new IcmsgSession({ unbound: 'enable', dcacheAlignment: 8, resignalIntervalMs: 5, ...pair.link.b });
      const rebound = once(pair.app, 'bound');
      await netSession.open();
      await rebound;
      expect(events).to.deep.equal(['unbound', 'bound']);
      const got = collect(pair.app, 1);
      await netSession.send(ascii('hello again'));
      expect((await got)[0]).to.have.length(11);
      await netSession.close();
    } finally {
      await pair.close();
    }
  });

  it('sends while disconnected are dropped and report their length, as Zephyr does', async () => {
    const pair = sessionPair({ unbound: 'enable', dcacheAlignment: 8, reopenOnUnbound: false });
    try {
      await Promise.all([pair.app.open(), pair.net.open()]);
      const unbound = once(pair.app, 'unbound');
      await pair.net.close();
      await unbound;
      expect(pair.app.state).to.equal('disconnected');
      expect(await pair.app.send(ascii('lost'))).to.equal(4);
      expect(pair.app.stats.droppedWhileDisconnected).to.equal(1);
      expect(pair.app.stats.sent).to.equal(0);
    } finally {
      await pair.close();
    }
  });

  it('refuses what Zephyr refuses, with its errno names', async () => {
    const pair = sessionPair({ unbound: 'disable' });
    try {
      expectCode(await rejection(pair.app.send(ascii('early'))), 'EBUSY', /not bound/);
      await Promise.all([pair.app.open(), pair.net.open()]);
      expectCode(await rejection(pair.app.open()), 'EALREADY');
      expectCode(await rejection(pair.app.send(new Uint8Array(0))), 'ENODATA');
      expectCode(await rejection(pair.app.send(new Uint8Array(129))), 'EBADMSG', /CONFIG_PBUF_RX_READ_BUF_SIZE/);
      expect(await pair.app.send(new Uint8Array(128))).to.equal(128);
    } finally {
      await pair.close();
    }
  });

  it('refuses a message the tx FIFO can never hold, naming the limit', async () => {
    const pair = sessionPair({ peerRxLimit: 0xffff }, { peerRxLimit: 0xffff }, 64);
    try {
      await Promise.all([pair.app.open(), pair.net.open()]);
      const error = await rejection(pair.app.send(new Uint8Array(49)));
      expectCode(error, 'EBADMSG', /max 48 bytes/);
    } finally {
      await pair.close();
    }
  });

  it('tx FIFO full: ENOMEM at once, or back-pressure that waits for the reader', async () => {
    const link = createInProcessLink(256);
    const gate = new GatedDoorbell(link.b.doorbell);
    const app = new IcmsgSession({ ...link.a, resignalIntervalMs: 5 });
    const net = new IcmsgSession({ ...link.b, doorbell: gate, resignalIntervalMs: 5 });
    try {
      await Promise.all([app.open(), net.open()]);
      gate.pause(); // net stops servicing its doorbell, so the FIFO fills
      const sent: number[] = [];
      let full: unknown;
      for (let i = 0; ; i++) {
        try {
          await app.send(new Uint8Array(60).fill(i));
          sent.push(i);
        } catch (error) {
          full = error;
          break;
        }
      }
      expectCode(full, 'ENOMEM', /needs 64 bytes, the tx FIFO has \d+ free/);
      expect(sent.length).to.equal(3); // blen 244: three 64-byte packets, then 52 free
      expectCode(await rejection(app.send(new Uint8Array(60), { waitForSpaceMs: 50 })), 'ENOBUFS', /stayed full for 50 ms/);

      const received = collect(net, sent.length + 2);
      const waiting = app.send(new Uint8Array(60).fill(0xee), { waitForSpaceMs: 3000 });
      const behind = app.send(new Uint8Array(60).fill(0xef), { waitForSpaceMs: 3000 });
      gate.resume();
      expect(await waiting).to.equal(60);
      expect(await behind).to.equal(60);
      const firstBytes = (await received).map((m) => m[0]);
      expect(firstBytes).to.deep.equal([...sent, 0xee, 0xef]); // nothing lost, nothing overtook
    } finally {
      await Promise.allSettled([app.close(), net.close()]);
    }
  });

  it('abort (transport failure) rejects a pending open and every later call with EIO', async () => {
    const link = createInProcessLink();
    const app = new IcmsgSession({ ...link.a, openTimeoutMs: 5000 });
    const errors: string[] = [];
    app.on('error', (error) => errors.push(error.code));
    const opening = app.open();
    app.abort(new Error('emulator exited with signal SIGKILL'));
    const error = await rejection(opening);
    expectCode(error, 'EIO', /SIGKILL/);
    expectCode(await rejection(app.send(ascii('x'))), 'EIO');
    expectCode(await rejection(app.open()), 'EIO');
    expect(errors).to.deep.equal(['EIO']);
  });

  it('a listener that throws is reported as an error event, and the link keeps working', async () => {
    const pair = sessionPair({});
    try {
      await Promise.all([pair.app.open(), pair.net.open()]);
      const errors: string[] = [];
      pair.net.on('error', (error) => errors.push(error.message));
      const later = collect(pair.net, 2);
      pair.net.once('received', () => {
        throw new Error('user bug');
      });
      await pair.app.send(ascii('first'));
      await pair.app.send(ascii('second'));
      expect((await later).length).to.equal(2);
      expect(errors.join()).to.match(/user bug/);
    } finally {
      await pair.close();
    }
  });

  it('rejects invalid options with EINVAL naming the field', () => {
    const link = createInProcessLink();
    const make = (options: object) => () => new IcmsgSession({ ...link.a, ...options });
    expect(make({ unbound: 'enable', dcacheAlignment: 0 })).to.throw(/dcacheAlignment.*>= 8/);
    expect(make({ wire: 'spsc', unbound: 'enable', dcacheAlignment: 8 })).to.throw(/unbound.*spsc/);
    expect(make({ peerRxLimit: 0 })).to.throw(/peerRxLimit/);
    expect(make({ peerRxLimit: 70000 })).to.throw(/peerRxLimit.*65535/);
    expect(make({ dcacheAlignment: 12 })).to.throw(/dcache-alignment must be 0 or a power of two/);
    expect(make({ wire: 'pbus' })).to.throw(/wire: must be one of pbuf, spsc/);
    expect(() => new IcmsgSession({ ...link.a, tx: { ...link.a.tx, size: 16 } as never })).to.throw(/minimum is 12/);
  });
});
