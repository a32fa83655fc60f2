// Servers the harness starts (a Kafka broker, code-server) must never outlive the Node process
// that started them, however it ends: normally, by an exception, or by Ctrl-C / SIGTERM.

const cleanups = new Set<() => void>();
let installed = false;

/** Runs `kill` (synchronously) when this process ends; the returned function cancels that. */
export function killOnProcessEnd(kill: () => void): () => void {
  install();
  cleanups.add(kill);
  return () => cleanups.delete(kill);
}

function runAll(): void {
  for (const kill of cleanups) kill();
  cleanups.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.once('exit', runAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      // A host with its own handler (npm start, npm run kafka) stops its servers gracefully;
      // otherwise kill them and die from the signal as Node would have without this listener.
      if (process.listenerCount(signal) > 1) return;
      runAll();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}
