/**
 * Small AbortSignal helpers shared by the policies (the DOM `AbortSignal`
 * contract: https://dom.spec.whatwg.org/#interface-AbortSignal).
 * Written out instead of `AbortSignal.any` / `AbortSignal.timeout` because
 * those use real timers and are missing from older runtimes; ours take the
 * injected Clock.
 */

/** The reason an aborted signal carries, or a DOM-style AbortError if it has none. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** A signal that never aborts (for calls made without one). */
export const neverAborted: AbortSignal = new AbortController().signal;

/**
 * An AbortController that aborts when any of `parents` aborts (with that
 * parent's reason). Call `dispose()` when done to detach the listeners.
 */
export function linkedController(...parents: (AbortSignal | undefined)[]): {
  controller: AbortController;
  dispose: () => void;
} {
  const controller = new AbortController();
  const cleanups: (() => void)[] = [];
  for (const parent of parents) {
    if (!parent) continue;
    if (parent.aborted) {
      controller.abort(abortReason(parent));
      break;
    }
    const onAbort = () => controller.abort(abortReason(parent));
    parent.addEventListener('abort', onAbort, {once: true});
    cleanups.push(() => parent.removeEventListener('abort', onAbort));
  }
  return {controller, dispose: () => cleanups.forEach((c) => c())};
}

/**
 * Settles like `promise`, unless `signal` aborts first: then rejects with the
 * abort reason (the promise keeps running but its result is ignored).
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, {once: true});
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
