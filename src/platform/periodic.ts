import type { Logger } from '@nestjs/common';

/**
 * Runs `task` every `ms` on this node (not keeping the process alive); a failed run is logged and
 * the next one goes ahead. Returns the function that stops it. Tasks must be safe to run on every
 * node at once (they are: conditional updates and deletes).
 */
export function every(ms: number, task: () => Promise<unknown>, logger: Logger): () => void {
  const timer = setInterval(() => {
    task().catch((err: unknown) => logger.warn(`periodic task failed: ${(err as Error).message}`));
  }, ms).unref();
  return () => clearInterval(timer);
}
