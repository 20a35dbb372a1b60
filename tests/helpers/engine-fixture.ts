import { launch, type Emulation, type LaunchOptions } from '../../harness/engines/launch.js';

/**
 * Starts emulations for one test and stops them afterwards; when the test failed, their
 * artifacts (engine log, region dumps, diagnosis) go to artifacts/ first.
 */
export function emulationFixture(): { start(options: LaunchOptions): Promise<Emulation> } {
  let running: Emulation[] = [];
  afterEach(async function () {
    const failed = this.currentTest?.state === 'failed';
    for (const emulation of running) {
      if (failed) {
        const files = await emulation.saveArtifacts('artifacts', this.currentTest?.fullTitle() ?? 'test').catch(() => []);
        if (files.length) console.log(`      artifacts: ${files.join(', ')}`);
      }
      await emulation.stop();
    }
    running = [];
  });
  return {
    start: async (options) => {
      const emulation = await launch(options);
      running.push(emulation);
      return emulation;
    },
  };
}

/** Deterministic random sizes and contents, so a failure can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return state / 2 ** 32;
  };
}

export function messageBytes(index: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (index * 29 + i * 13 + (index >> 8)) & 0xff;
  return out;
}
