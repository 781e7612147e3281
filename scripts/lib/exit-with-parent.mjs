// Preloaded (`node --import`) into every Node child of the dev stack (see child.ts). The children
// run in their own process group, so a Ctrl-C in the terminal reaches only their parent, which
// then stops them one at a time. If the parent dies without doing that (SIGKILL, crash), the IPC
// channel it opened closes: the child then stops itself with the SIGTERM the parent would have
// sent, draining as usual, so it never outlives the parent. Without an IPC channel it does nothing.
if (process.channel) {
  // The channel only watches the parent; it must not keep a finished child alive.
  process.channel.unref();
  process.once('disconnect', () => {
    // Output went to the parent: with it gone, writes fail with EPIPE, which must not end the drain.
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
    process.kill(process.pid, 'SIGTERM');
  });
}

