import { IcmsgSession } from '../../harness/session/icmsg-session.js';
import type { IcmsgSessionOptions } from '../../harness/session/options.js';
import { createInProcessLink, type InProcessLink } from '../../harness/transport/in-process-link.js';

type EndOptions = Omit<IcmsgSessionOptions, 'tx' | 'rx' | 'doorbell'>;

export interface SessionPair {
  readonly link: InProcessLink;
  readonly app: IcmsgSession;
  readonly net: IcmsgSession;
  close(): Promise<void>;
}

/** Two host sessions over one in-process link, as the app and net cores would be wired. */
export function sessionPair(appOptions: EndOptions, netOptions: EndOptions = appOptions, regionSize = 0x800): SessionPair {
  const link = createInProcessLink(regionSize);
  const app = new IcmsgSession({ resignalIntervalMs: 5, openTimeoutMs: 2000, ...appOptions, ...link.a });
  const net = new IcmsgSession({ resignalIntervalMs: 5, openTimeoutMs: 2000, ...netOptions, ...link.b });
  return {
    link,
    app,
    net,
    close: async () => {
      await Promise.allSettled([app.close(), net.close()]);
    },
  };
}

/** Resolves with the next `count` messages the session receives. */
export function collect(session: IcmsgSession, count: number, timeoutMs = 5000): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const got: Uint8Array[] = [];
    const timer = setTimeout(() => {
      session.off('received', onReceived);
      reject(new Error(`received ${got.length} of ${count} messages in ${timeoutMs} ms`));
    }, timeoutMs);
    const onReceived = (data: Uint8Array) => {
      got.push(data);
      if (got.length === count) {
        clearTimeout(timer);
        session.off('received', onReceived);
        resolve(got);
      }
    };
    if (count === 0) {
      clearTimeout(timer);
      resolve(got);
      return;
    }
    session.on('received', onReceived);
  });
}

export function once(session: IcmsgSession, event: 'bound' | 'unbound', timeoutMs = 3000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within ${timeoutMs} ms`)), timeoutMs);
    session.once(event, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
