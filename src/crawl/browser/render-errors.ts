/** Errors of the browser renderer: Chromium missing, failing to start, or a page it cannot render. */
import { XxgkError } from '../../errors.js';

/** Chromium could not be started or a listing could not be rendered in it. */
export class RenderError extends XxgkError {
  override name = 'RenderError';
  constructor(message: string, url?: string, retryable = false, options?: { cause?: unknown }) {
    super(message, 'render', url, retryable, options);
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
