export interface WorkerLoopOptions {
  /** How long to sleep when there was nothing to do and nobody kicked. */
  idleMs: number;
  /**
   * Pause after a step that did `done` items (0: go straight on). Kicks during the pause do not cut
   * it short (they are remembered): a pause exists to let work gather into the next batch.
   */
  pauseAfter?: (done: number) => number;
  /** Runs once before the first step. */
  beforeFirst?: () => Promise<void>;
  onError?: (error: unknown) => void;
}

/**
 * The loop both background workers share: run a step while it finds work, sleep when it does not,
 * wake early on a kick, and on stop let the step in progress finish.
 */
export class WorkerLoop {
  #isRunning = false;
  #wake: (() => void) | null = null;
  #stopSleep: (() => void) | null = null;
  #isWoken = false;
  #loop: Promise<void> | null = null;

  constructor(
    private readonly step: () => Promise<number>,
    private readonly options: WorkerLoopOptions,
  ) {}

  start(): void {
    if (this.#isRunning) return;
    this.#isRunning = true;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#isRunning = false;
    this.kick();
    this.#stopSleep?.();
    await this.#loop;
  }

  kick(): void {
    this.#isWoken = true;
    this.#wake?.();
  }

  async #run(): Promise<void> {
    await this.options.beforeFirst?.().catch((error) => this.options.onError?.(error));
    while (this.#isRunning) {
      let done = 0;
      try {
        done = await this.step();
      } catch (error) {
        this.options.onError?.(error);
      }
      if (done > 0) {
        const pause = this.options.pauseAfter?.(done) ?? 0;
        if (pause > 0) await this.#sleep(pause, { isKickable: false });
        continue;
      }
      if (this.#isWoken) {
        this.#isWoken = false;
        continue;
      }
      await this.#sleep(this.options.idleMs);
      this.#isWoken = false;
    }
  }

  #sleep(ms: number, { isKickable = true } = {}): Promise<void> {
    return new Promise<void>((resolve) => {
      if (!this.#isRunning) return resolve(); // stopped while the step ran
      const wake = () => {
        clearTimeout(timer);
        this.#wake = null;
        this.#stopSleep = null;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#stopSleep = wake;
      if (isKickable) this.#wake = wake;
    });
  }
}

/**
 * A retention loop: `prune(olderThan)` with the cutoff `keepMs` before now, at start and then every
 * `everyMs`; straight again while a prune deletes a whole `batch` (more may be waiting).
 */
export function retentionLoop(options: {
  clock: () => Date;
  keepMs: number;
  everyMs: number;
  batch: number;
  prune: (olderThan: Date) => Promise<number>;
  onError: (error: unknown) => void;
}): WorkerLoop {
  return new WorkerLoop(
    async () => {
      const deleted = await options.prune(new Date(options.clock().getTime() - options.keepMs));
      return deleted === options.batch ? deleted : 0;
    },
    { idleMs: options.everyMs, onError: options.onError },
  );
}
