/**
 * Caps the content codings a page may stack (`content-encoding: gzip, gzip, …`). fetch
 * decodes every layer it is told of, one zlib stream each: a thousand layers exhausted the
 * process before (exit 13, the other seeds not written). The cap is checked on the
 * response headers, before fetch builds its decoders, and ends that request only.
 */
import type { Dispatcher } from 'undici';

/** Most content codings a response may declare: real servers send one. */
export const MAX_CONTENT_CODINGS = 2;

/** `dispatcher` with every response checked against MAX_CONTENT_CODINGS. */
export function limitContentCodings(dispatcher: Dispatcher): Dispatcher {
  return dispatcher.compose((dispatch) => (options, handler) => dispatch(options, codingLimit(handler)));
}

/** `handler`, whose response headers are checked first; every other hook is its own. */
function codingLimit(handler: Dispatcher.DispatchHandlers): Dispatcher.DispatchHandlers {
  let abort: ((error?: Error) => void) | undefined;
  return {
    onConnect: (abortRequest) => {
      abort = abortRequest;
      handler.onConnect?.(abortRequest);
    },
    onError: (error) => handler.onError?.(error),
    onUpgrade: (statusCode, headers, socket) => handler.onUpgrade?.(statusCode, headers, socket),
    onResponseStarted: () => handler.onResponseStarted?.(),
    onHeaders: (statusCode, headers, resume, statusText) => {
      let codings = 0;
      for (let index = 0; index + 1 < headers.length; index += 2) {
        if (String(headers[index]).toLowerCase() !== 'content-encoding') continue;
        codings += String(headers[index + 1]).split(',').filter((coding) => coding.trim() !== '').length;
      }
      if (codings > MAX_CONTENT_CODINGS) {
        abort?.(new Error(`the page declares ${codings} stacked content codings (content-encoding), more than the ${MAX_CONTENT_CODINGS} feishu-errcodes decodes; a real server sends one`));
        return false;
      }
      return handler.onHeaders?.(statusCode, headers, resume, statusText) ?? true;
    },
    onData: (chunk) => handler.onData?.(chunk) ?? true,
    onComplete: (trailers) => handler.onComplete?.(trailers),
    onBodySent: (chunk, totalSent) => handler.onBodySent?.(chunk, totalSent),
  };
}
