import type { LoggerService } from '@backstage/backend-plugin-api';

/** Logs each distinct warning once per process: a broken cluster should not flood the log on every page view. */
export class WarnOnce {
  readonly #logger: LoggerService;
  readonly #warned = new Set<string>();

  constructor(logger: LoggerService) {
    this.#logger = logger;
  }

  warn(key: string, message: string): void {
    if (!this.#warned.has(key)) {
      this.#warned.add(key);
      this.#logger.warn(message);
    }
  }
}
