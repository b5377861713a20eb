export interface WorkerLoopOptions {
  /** How long to sleep when there was nothing to do and nobody kicked. */
  idleMs: number;
  /** Pause after a step that did `done` items (0: go straight on). */
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
        if (pause > 0) await this.#sleep(pause);
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

  #sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#wake = null;
        resolve();
      }, ms);
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
    });
  }
}
