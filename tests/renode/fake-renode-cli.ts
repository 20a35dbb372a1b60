/**
 * `renode` stand-in for engine tests: accepts Renode's command line
 * (`--disable-xwt --plain -P PORT`), serves the fake monitor on PORT and prints the fake's
 * log on stdout, as Renode does. Exits after `quit` or on SIGTERM.
 */
import { FakeRenodeMonitor } from './fake-renode-monitor.js';

const args = process.argv.slice(2);
const portFlag = args.findIndex((arg) => arg === '-P' || arg === '--port');
const port = portFlag >= 0 ? Number(args[portFlag + 1]) : 1234;

const fake = await FakeRenodeMonitor.start({ port });
fake.onLine((line) => process.stdout.write(`${line}\n`));
fake.log('INFO', 'Renode', `Renode, version 1.16.1.0 (fake) on port ${port}`);

const shutdown = async (code: number) => {
  await fake.stop();
  process.exit(code);
};
fake.on('quit', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));
