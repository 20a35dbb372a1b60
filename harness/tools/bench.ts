#!/usr/bin/env node
// `npm run bench`: doorbell and icmsg figures measured in one run, with ratios against the
// raw doorbell round trip of the same run (shared machines are noisy; ratios travel better).
import { launch, type EngineName } from '../engines/launch.js';
import { echoRoundTrips, percentile, probeMessage } from './check/echo-exchange.js';

interface Stats {
  readonly p50: number;
  readonly p99: number;
}

function stats(samplesUs: number[]): Stats {
  const sorted = [...samplesUs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function doorbellRoundTrips(engine: EngineName, count: number): Promise<Stats> {
  const emulation = await launch({ engine, icmsg: { unbound: 'enable', dcacheAlignment: 8 } });
  try {
    const control = emulation.control;
    if (!control) throw new Error('the stub control channel is needed for the raw doorbell round trip');
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      await control.command('nop');
      samples.push((performance.now() - t0) * 1000);
    }
    return stats(samples);
  } finally {
    await emulation.stop();
  }
}

async function pingPong(engine: EngineName, count: number): Promise<Stats> {
  const emulation = await launch({ engine, icmsg: { unbound: 'enable', dcacheAlignment: 8 } });
  try {
    return stats(await echoRoundTrips(emulation.session, count));
  } finally {
    await emulation.stop();
  }
}

interface Throughput {
  readonly size: number;
  readonly messagesPerSecond: number;
  readonly megabytesPerSecond: number;
  readonly messagesPerDoorbell: number;
}

async function stream(engine: EngineName, size: number, seconds: number): Promise<Throughput> {
  const emulation = await launch({ engine, icmsg: { unbound: 'enable', dcacheAlignment: 8, peerRxLimit: Math.max(size, 128), regionSize: 0x4000 } });
  try {
    const { session } = emulation;
    let echoed = 0;
    session.on('received', () => echoed++);
    const payload = probeMessage(1, size);
    const ringsBefore = emulation.ringsSent();
    const t0 = performance.now();
    let sent = 0;
    // Keep up to 64 sends in flight: several packets land in the FIFO per doorbell.
    const inFlight = new Set<Promise<unknown>>();
    while (performance.now() - t0 < seconds * 1000) {
      const send: Promise<unknown> = session.send(payload, { waitForSpaceMs: 10000 }).then(() => inFlight.delete(send));
      inFlight.add(send);
      sent++;
      if (inFlight.size >= 64) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    while (echoed < sent) await new Promise((resolve) => setTimeout(resolve, 1));
    const elapsed = (performance.now() - t0) / 1000;
    const rings = emulation.ringsSent() - ringsBefore;
    return {
      size,
      messagesPerSecond: Math.round(sent / elapsed),
      megabytesPerSecond: Number(((sent * size) / elapsed / 1e6).toFixed(2)),
      messagesPerDoorbell: Number((sent / Math.max(rings, 1)).toFixed(1)),
    };
  } finally {
    await emulation.stop();
  }
}

async function benchEngine(engine: EngineName): Promise<void> {
  const raw = await doorbellRoundTrips(engine, 500);
  const icmsg = await pingPong(engine, 1000);
  const throughputs: Throughput[] = [];
  for (const size of [16, 64, 1024]) throughputs.push(await stream(engine, size, 2));
  console.log(`\n${engine}`);
  console.log(`  doorbell round trip (control NOP, no icmsg)  p50 ${raw.p50.toFixed(0)} us  p99 ${raw.p99.toFixed(0)} us`);
  console.log(`  icmsg ping-pong round trip (16 B echo)       p50 ${icmsg.p50.toFixed(0)} us  p99 ${icmsg.p99.toFixed(0)} us`);
  console.log(`  ratio icmsg / doorbell (p50)                 ${(icmsg.p50 / raw.p50).toFixed(2)}`);
  for (const t of throughputs) {
    console.log(`  stream ${String(t.size).padStart(4)} B echo: ${String(t.messagesPerSecond).padStart(7)} msg/s  ${String(t.megabytesPerSecond).padStart(6)} MB/s each way  ${t.messagesPerDoorbell} msg per host doorbell`);
  }
}

const engines = (process.argv[2] ?? 'qemu,native').split(',') as EngineName[];
for (const engine of engines) await benchEngine(engine);
