// Preloaded into each service process by `npm run bench -- --profile` (node --import): SIGUSR2
// starts the V8 CPU profiler, the next SIGUSR2 writes <BENCH_PROFILE_DIR>/<BENCH_PROFILE_NAME>.cpuprofile.
// So a profile covers exactly the load window, not start-up and module loading.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

const dir = process.env.BENCH_PROFILE_DIR;
const name = process.env.BENCH_PROFILE_NAME ?? `pid-${process.pid}`;
if (dir) {
  const session = new Session();
  session.connect();
  let running = false;
  process.on('SIGUSR2', () => {
    void (async () => {
      if (!running) {
        running = true;
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 500 });
        await session.post('Profiler.start');
        return;
      }
      running = false;
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
      process.stderr.write(`profile written: ${name}.cpuprofile\n`);
    })();
  });
}
