import { launch, type LaunchOptions } from '../engines/launch.js';
import { echoRoundTrips, exchangeEchoes, percentile } from './check/echo-exchange.js';

export interface DemoSummary {
  readonly engine: string;
  readonly platform: string;
  readonly bindMs: number;
  readonly state: string;
  readonly pingPong: { readonly count: number; readonly p50Us: number; readonly p99Us: number };
  readonly stream: { readonly messages: number; readonly bytes: number; readonly ms: number; readonly intact: boolean };
  readonly stub: unknown;
  readonly sessionStats: unknown;
}

/**
 * The main job: start the remote on an emulator, bind, exchange messages both ways (ping-pong,
 * then a pipelined stream), and summarise what happened.
 */
export async function runDemo(options: LaunchOptions, messages = 2000): Promise<DemoSummary> {
  const started = performance.now();
  const emulation = await launch(options);
  const bindMs = performance.now() - started;
  try {
    const { session } = emulation;
    const rtts = await echoRoundTrips(session, 200);
    const sizes = Array.from({ length: messages }, (_, i) => 1 + ((i * 53) % session.maxMessageLength));
    const exchange = await exchangeEchoes(session, sizes, 30000);
    const ms = exchange.elapsedMs;
    const intact = exchange.mismatches === 0;
    return {
      engine: emulation.engine,
      platform: typeof options.platform === 'string' ? options.platform : (options.engine ?? 'qemu') === 'qemu' ? 'mps2-an521' : 'native',
      bindMs: Math.round(bindMs),
      state: session.state,
      pingPong: { count: rtts.length, p50Us: Math.round(percentile(rtts, 50)), p99Us: Math.round(percentile(rtts, 99)) },
      stream: { messages: sizes.length, bytes: sizes.reduce((a, b) => a + b, 0), ms: Math.round(ms), intact },
      stub: await emulation.control?.status(),
      sessionStats: { ...session.stats },
    };
  } finally {
    await emulation.stop();
  }
}

export function formatDemo(summary: DemoSummary): string {
  const { pingPong, stream } = summary;
  const rate = Math.round((stream.messages / stream.ms) * 1000);
  return [
    `engine            ${summary.engine} (${summary.platform})`,
    `bound             in ${summary.bindMs} ms from launch, state ${summary.state}`,
    `ping-pong         ${pingPong.count} x 16 B: round trip p50 ${pingPong.p50Us} us, p99 ${pingPong.p99Us} us`,
    `stream            ${stream.messages} messages, ${stream.bytes} B echoed in ${stream.ms} ms (${rate} msg/s), ${stream.intact ? 'all intact and in order' : 'LOSS OR CORRUPTION'}`,
    `remote stub       ${JSON.stringify(summary.stub)}`,
    `host session      ${JSON.stringify(summary.sessionStats)}`,
  ].join('\n');
}
