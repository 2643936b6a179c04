// The server under load runs in a process of its own (bench/server-main.ts): started here,
// reporting its URL over IPC, and always stopped, cleanly so that --cpu-prof can write.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Starts the server under load in its own process and resolves with its URL. */
export function startServerProcess(data: string, webDir?: string): Promise<{ child: ChildProcess; url: string }> {
  const profDir = process.env.BENCH_CPU_PROF;
  const args = [...(profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : []), '--import', 'tsx', 'bench/server-main.ts', data, ...(webDir ? [webDir] : [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the server process did not start in 60 s'));
    }, 60_000);
    child.once('message', (m: { url?: string }) => {
      clearTimeout(timer);
      if (m.url) resolve({ child, url: m.url });
      else reject(new Error('the server process sent no URL'));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server process exited with code ${code} before listening`));
    });
  });
}

/** Stops the server process cleanly (so a CPU profile can be written) and waits for it to exit. */
export function stopServerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    if (child.connected) child.send('close');
    else child.kill('SIGTERM');
  });
}

