import { rmSync } from 'node:fs';

/**
 * Everything a run creates outside its own memory (shared-memory files, sockets, child
 * processes) is registered here, so that it is removed on normal teardown, on process exit,
 * and on SIGINT/SIGTERM, even when a test failed half-way.
 */
type Undo = () => void;

const pending = new Map<number, Undo>();
let nextId = 1;
let hooksInstalled = false;

function runAll(): void {
  for (const [id, undo] of [...pending].reverse()) {
    pending.delete(id);
    try {
      undo();
    } catch {
      // Best effort: one failed removal must not keep the others from running.
    }
  }
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', runAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      runAll();
      // Re-raise with the default action so the exit status tells what happened.
      process.kill(process.pid, signal);
    });
  }
}

/** Registers a synchronous undo step; returns a function that runs it now and forgets it. */
export function registerCleanup(undo: Undo): () => void {
  installHooks();
  const id = nextId++;
  pending.set(id, undo);
  return () => {
    if (!pending.delete(id)) return;
    undo();
  };
}

/** Registers a path (file or socket) for removal. */
export function registerPath(path: string): () => void {
  return registerCleanup(() => rmSync(path, { force: true }));
}

/** Registers several paths; the returned function removes them all (last first), once. */
export function registerPaths(...paths: string[]): () => void {
  const undo = paths.map(registerPath);
  return () => undo.splice(0).reverse().forEach((step) => step());
}

/** Registers a child process to be killed (SIGKILL) if it is still alive at cleanup. */
export function registerProcess(pid: number | undefined): () => void {
  return registerCleanup(() => {
    if (pid === undefined) return;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  });
}

/** Number of undo steps still pending (tests assert it drops to zero). */
export function pendingCleanups(): number {
  return pending.size;
}
