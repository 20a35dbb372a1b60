import type { IcmsgSession } from '../../session/icmsg-session.js';

/** A message that carries its own sequence number and length, so echoes can be verified. */
export function probeMessage(sequence: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (sequence * 37 + i * 11 + (sequence >>> 8)) & 0xff;
  return out;
}

export interface ExchangeResult {
  readonly sent: number;
  readonly echoed: number;
  readonly mismatches: number;
  /** Index of the first echo that differs from what was sent at that position, or -1. */
  readonly firstMismatch: number;
  readonly elapsedMs: number;
}

/**
 * Sends every message (pipelined, waiting for room when the FIFO is full) and compares each
 * echo with the message sent at the same position: loss, reordering and corruption all show.
 */
export async function exchangeEchoes(session: IcmsgSession, sizes: readonly number[], timeoutMs: number): Promise<ExchangeResult> {
  const started = performance.now();
  const echoes: Uint8Array[] = [];
  let onAll: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (onAll = resolve));
  const onReceived = (data: Uint8Array) => {
    echoes.push(data);
    if (echoes.length >= sizes.length) onAll();
  };
  session.on('received', onReceived);
  try {
    if (sizes.length === 0) onAll();
    const sends = sizes.map((size, i) => session.send(probeMessage(i, size), { waitForSpaceMs: timeoutMs }));
    await Promise.all(sends);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  } finally {
    session.off('received', onReceived);
  }
  let mismatches = 0;
  let firstMismatch = -1;
  sizes.forEach((size, i) => {
    const echo = echoes[i];
    if (!echo || !Buffer.from(echo).equals(probeMessage(i, size))) {
      mismatches++;
      if (firstMismatch < 0) firstMismatch = i;
    }
  });
  return { sent: sizes.length, echoed: echoes.length, mismatches, firstMismatch, elapsedMs: performance.now() - started };
}

export function describeExchange(result: ExchangeResult): string {
  const rate = result.elapsedMs > 0 ? Math.round((result.sent / result.elapsedMs) * 1000) : 0;
  const base = `${result.echoed}/${result.sent} echoed in ${result.elapsedMs.toFixed(0)} ms (${rate} msg/s)`;
  return result.mismatches ? `${base}; ${result.mismatches} wrong or missing, first at #${result.firstMismatch}` : base;
}

/** Round trips of `count` 16-byte echoes, one at a time, in microseconds, sorted. */
export async function echoRoundTrips(session: IcmsgSession, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const echo = new Promise((resolve) => session.once('received', resolve));
    const t0 = performance.now();
    await session.send(probeMessage(i, 16));
    await echo;
    samples.push((performance.now() - t0) * 1000);
  }
  return samples.sort((a, b) => a - b);
}

/** The p-th percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}
