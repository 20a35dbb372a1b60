// A peer that scribbles over shared memory while traffic flows: the session reports errors,
// never throws out of its doorbell handler, never hangs, never touches memory outside its regions.
import { expect } from 'chai';
import fc from 'fast-check';
import { IcmsgSession } from '../../harness/session/icmsg-session.js';
import type { UnboundMode, WireGeneration } from '../../harness/session/options.js';
import { createInProcessLink } from '../../harness/transport/in-process-link.js';
import { MemoryBoundsError } from '../../harness/wire/shared-memory.js';

describe('session under corrupted shared memory', function () {
  this.timeout(120000);

  it('random words written anywhere in both regions: only typed error events, and sends still settle', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom<[WireGeneration, UnboundMode]>(['pbuf', 'disable'], ['pbuf', 'enable'], ['pbuf', 'detect'], ['spsc', 'disable']),
          fc.array(fc.record({ offset: fc.integer({ min: 0, max: 2 * 256 - 4 }), value: fc.integer({ min: 0, max: 0xffffffff }) }), { minLength: 1, maxLength: 12 }),
          async ([wire, unbound], scribbles) => {
            const link = createInProcessLink(256);
            const options = { wire, unbound, dcacheAlignment: wire === 'pbuf' ? 8 : 0, resignalIntervalMs: 2, openTimeoutMs: 1000 };
            const app = new IcmsgSession({ ...options, ...link.a });
            const net = new IcmsgSession({ ...options, ...link.b });
            const errors: Error[] = [];
            app.on('error', (error) => errors.push(error));
            net.on('error', (error) => errors.push(error));
            net.on('received', (data) => void net.send(data).catch(() => undefined)); // echo
            try {
              await Promise.all([app.open(), net.open()]);
              for (const { offset, value } of scribbles) {
                link.memory.bytes.writeUInt32LE(value >>> 0, offset & ~3);
                const sent = await Promise.race([
                  app.send(new Uint8Array(20).fill(offset & 0xff), { waitForSpaceMs: 50 }).then(
                    () => 'settled',
                    () => 'settled',
                  ),
                  new Promise((resolve) => setTimeout(() => resolve('hung'), 2000)),
                ]);
                expect(sent).to.equal('settled');
              }
              await new Promise((resolve) => setTimeout(resolve, 5));
            } catch (error) {
              // open() may legitimately fail if a scribble hit the bonding; anything else is a bug.
              if (!(error instanceof Error) || !/ETIMEDOUT|ECANCELED/.test(error.message)) throw error;
            } finally {
              await Promise.allSettled([app.close(), net.close()]);
            }
            for (const error of errors) {
              expect(error.name).to.equal('IcmsgError');
              expect(error.cause, error.message).not.to.be.instanceOf(MemoryBoundsError);
            }
          },
        ),
        { numRuns: 150 },
      );
      expect(uncaught).to.deep.equal([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUncaught);
    }
  });
});
