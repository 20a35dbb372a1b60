// Bonding edges a Zephyr peer can produce, driven by writing the peer's side by hand.
import { expect } from 'chai';
import { IcmsgSession } from '../../harness/session/icmsg-session.js';
import { createInProcessLink } from '../../harness/transport/in-process-link.js';
import { ICMSG_MAGIC } from '../../harness/wire/magic.js';
import { PbufLayout } from '../../harness/wire/pbuf-layout.js';
import { PbufWriter } from '../../harness/wire/pbuf.js';
import { collect, once } from '../helpers/session-pair.js';

/** The remote's tx FIFO, written directly: a peer we fully control. */
function remoteWriter(link: ReturnType<typeof createInProcessLink>, dcacheAlignment = 0) {
  return new PbufWriter(link.b.tx, new PbufLayout({ size: link.b.tx.size, dcacheAlignment, handshake: false }));
}

describe('bonding edges', () => {
  it('disable mode: the magic followed by extra bytes binds (room for future protocol versions)', async () => {
    const link = createInProcessLink();
    const host = new IcmsgSession({ ...link.a, resignalIntervalMs: 5 });
    try {
      const opened = host.open();
      const writer = remoteWriter(link);
      await writer.init();
      await writer.write(Uint8Array.from([...ICMSG_MAGIC, 0x01, 0x02]));
      await link.b.doorbell.ring();
      await opened;
      expect(host.state).to.equal('connected-disable');
    } finally {
      await host.close();
    }
  });

  it('disable mode: a first packet that is not the magic is dropped with an error, and the side stays unbound until the magic comes', async () => {
    const link = createInProcessLink();
    const host = new IcmsgSession({ ...link.a, resignalIntervalMs: 5 });
    const errors: string[] = [];
    host.on('error', (error) => errors.push(error.message));
    try {
      const opened = host.open();
      const writer = remoteWriter(link);
      await writer.init();
      await writer.write(Uint8Array.of(1, 2, 3));
      await link.b.doorbell.ring();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(host.state).to.equal('initializing-disable');
      expect(errors.join()).to.match(/EBADMSG: first packet \(3 bytes\) is not the bonding magic; dropped/);
      const received = collect(host, 1);
      await writer.write(ICMSG_MAGIC);
      await writer.write(Uint8Array.of(9));
      await link.b.doorbell.ring();
      await opened;
      expect(Array.from((await received)[0] ?? [])).to.deep.equal([9]);
    } finally {
      await host.close();
    }
  });

  it('spsc generation: only the exact 13-byte magic binds', async () => {
    const link = createInProcessLink();
    const host = new IcmsgSession({ ...link.a, wire: 'spsc', resignalIntervalMs: 5 });
    const errors: string[] = [];
    host.on('error', (error) => errors.push(error.message));
    const { SpscPbufWriter } = await import('../../harness/wire/spsc-pbuf.js');
    try {
      const opened = host.open();
      const writer = new SpscPbufWriter(link.b.tx);
      await writer.init();
      await writer.write(Uint8Array.from([...ICMSG_MAGIC, 0]));
      await link.b.doorbell.ring();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(errors.join()).to.match(/not the bonding magic/);
      await writer.write(ICMSG_MAGIC);
      await link.b.doorbell.ring();
      await opened;
      expect(host.state).to.equal('connected-disable');
    } finally {
      await host.close();
    }
  });

  it('binds with a peer whose single ring was lost before we listened (4.1+ peers ring once)', async () => {
    const link = createInProcessLink();
    const peer = new IcmsgSession({ ...link.b, unbound: 'disable', dcacheAlignment: 8, resignalIntervalMs: 1_000_000 });
    const host = new IcmsgSession({ ...link.a, unbound: 'detect', dcacheAlignment: 8, resignalIntervalMs: 5 });
    try {
      const peerBound = peer.open();
      await new Promise((resolve) => setTimeout(resolve, 30)); // its ring went to nobody
      await Promise.all([host.open(), peerBound]);
      expect([host.state, peer.state]).to.deep.equal(['connected-disable', 'connected-disable']);
    } finally {
      await Promise.all([host.close(), peer.close()]);
    }
  });
});
