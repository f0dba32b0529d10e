/** Errors of the browser renderer: Chromium missing, failing to start, or a page it cannot render. */
import { XxgkError, type FailureClass } from '../../errors.js';

/** Chromium could not be started or a listing could not be rendered in it. */
export class RenderError extends XxgkError {
  override name = 'RenderError';
  constructor(message: string, url?: string, retryable = false, options?: { cause?: unknown; timedOut?: boolean }) {
    super(message, 'render', url, retryable, options);
    this.timedOut = options?.timedOut ?? false;
  }

  /** The page did not finish in time (a script that never settles, a renderer stuck in a loop). */
  readonly timedOut: boolean;

  override get failureClass(): FailureClass {
    return this.timedOut ? 'timeout' : 'parse_error';
  }
}

/** No Chromium on this machine: the user has to install one, retrying cannot help. */
export class ChromiumNotFoundError extends RenderError {
  override name = 'ChromiumNotFoundError';
  constructor(missingPath?: string) {
    super(
      (missingPath ? `Chromium not found at ${missingPath}` : 'no Chromium found') +
        ': install it with `apt-get install chromium` or `npx playwright install chromium`, ' +
        'or set XXGK_CHROMIUM to the path of a Chromium or Chrome executable',
    );
  }
}
