import type { IcmsgSession } from '../../session/icmsg-session.js';
import { describeExchange, exchangeEchoes } from './echo-exchange.js';

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckOutcome {
  readonly status: CheckStatus;
  readonly detail: string;
}

export interface CheckContext {
  readonly session: IcmsgSession;
  /** Size of the host's tx-region, to size the wrap-around and back-pressure traffic. */
  readonly regionSize: number;
  readonly timeoutMs: number;
}

export interface Check {
  readonly name: string;
  readonly description: string;
  run(context: CheckContext): Promise<CheckOutcome>;
}

const pass = (detail: string): CheckOutcome => ({ status: 'pass', detail });
const fail = (detail: string): CheckOutcome => ({ status: 'fail', detail });

async function echoCheck(context: CheckContext, sizes: number[], extra = ''): Promise<CheckOutcome> {
  const result = await exchangeEchoes(context.session, sizes, context.timeoutMs);
  const detail = `${describeExchange(result)}${extra}`;
  return result.mismatches === 0 ? pass(detail) : fail(detail);
}

/** Deterministic sizes in 1..max, so a failing run can be repeated exactly. */
function randomSizes(count: number, max: number, seed: number): number[] {
  let state = seed >>> 0;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return 1 + (state % max);
  });
}

/**
 * The suite needs nothing from the peer but echo: every received message sent back unchanged.
 * `bind` runs first and the others only if it passed (see run-checks.ts).
 */
export const CHECKS: readonly Check[] = [
  {
    name: 'bind',
    description: 'open() resolves: the peer completes the bonding for this wire generation and unbound mode',
    run: async ({ session }) => {
      const started = performance.now();
      await session.open();
      return pass(`bound in ${(performance.now() - started).toFixed(0)} ms (state ${session.state})`);
    },
  },
  {
    name: 'echo-sizes',
    description: 'one message of every size from 1 to the limit comes back intact',
    run: (context) => {
      const max = context.session.maxMessageLength;
      return echoCheck(context, Array.from({ length: max }, (_, i) => i + 1), `; sizes 1..${max}`);
    },
  },
  {
    name: 'wrap-around',
    description: 'traffic of several times the region size, in odd sizes, so indexes wrap at every offset',
    run: (context) => {
      const sizes: number[] = [];
      const max = context.session.maxMessageLength;
      for (let total = 0, i = 0; total < context.regionSize * 6; i++) {
        const size = 1 + ((i * 7 + 3) % Math.min(max, 61));
        sizes.push(size);
        total += size + 4;
      }
      return echoCheck(context, sizes);
    },
  },
  {
    name: 'back-pressure',
    description: 'a burst of largest messages far beyond the FIFO capacity: sends wait for room, nothing is lost',
    run: async (context) => {
      const max = context.session.maxMessageLength;
      const count = Math.max(64, Math.ceil((context.regionSize * 10) / (max + 4)));
      const waitsBefore = context.session.stats.txFullWaits;
      const outcome = await echoCheck(context, Array.from({ length: count }, () => max));
      const waits = context.session.stats.txFullWaits - waitsBefore;
      return { status: outcome.status, detail: `${outcome.detail}; tx FIFO was full ${waits} time(s)` };
    },
  },
  {
    name: 'ordering-under-load',
    description: '5000 messages of random sizes in flight at once come back in order',
    run: (context) => echoCheck(context, randomSizes(5000, context.session.maxMessageLength, 0x1c35)),
  },
  {
    name: 'close-unbound',
    description: 'close, then open again with a new session id: the peer binds again (enable/detect only)',
    run: async (context) => {
      const { session } = context;
      if (session.options.unbound === 'disable' || session.state === 'connected-disable') {
        return { status: 'skip', detail: 'disable mode (or a disable-mode peer) has no unbound' };
      }
      await session.close();
      const started = performance.now();
      await session.open();
      const echo = await echoCheck(context, [1, 2, 3]);
      return echo.status === 'pass' ? pass(`re-bound in ${(performance.now() - started).toFixed(0)} ms; ${echo.detail}`) : echo;
    },
  },
];
