// `kakunin serve`: reads flags and environment, starts the server, prints where it listens,
// and shuts down cleanly on SIGINT/SIGTERM (finishing requests in flight).
import { EXIT_INTERNAL, EXIT_USAGE } from '../cli/exit-codes.ts';
import { createServer } from './app.ts';
import { resolveSettings, USAGE, UsageError, type ServerSettings } from './options.ts';

export async function serveCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  let settings: ServerSettings;
  try {
    settings = resolveSettings(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`kakunin serve: ${error.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { host, port, ...options } = settings;
  let app: Awaited<ReturnType<typeof createServer>>;
  try {
    app = await createServer({ ...options, logLevel: 'error' });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`kakunin serve: ${error.message}\n`);
    return EXIT_USAGE;
  }
  try {
    await app.listen({ host, port });
  } catch (error) {
    process.stderr.write(`kakunin serve: cannot listen on ${host}:${port}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return EXIT_INTERNAL;
  }
  const address = app.server.address();
  const shown = typeof address === 'object' && address ? address : { address: host, port };
  const urlHost = shown.address.includes(':') ? `[${shown.address}]` : shown.address;
  process.stdout.write(`kakunin: listening on http://${urlHost}:${shown.port}/\n`);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await app.close();
  return 0;
}
