import {useEffect, useState} from 'react';
import type {RunStatus} from '@site/src/snippet-runner/runner';

export type ServerCheck = 'none' | 'checking' | 'answers' | 'unreachable';

/** Any HTTP answer counts: the question is whether anything listens at all. */
async function serverAnswers(): Promise<boolean> {
  try {
    await fetch(`${window.location.origin}/healthz`, {cache: 'no-store', signal: AbortSignal.timeout(3000)});
    return true;
  } catch {
    return false;
  }
}

/**
 * When a run ends on its own after one of its calls got no answer at all
 * (`unanswered`), or at its time limit, asks the playground-server whether it
 * is still there. A snippet that catches its failed calls ends "normally"
 * even when every call failed to reach the server, and the page must not call
 * that a success. A run whose calls were all answered needs no asking: asked
 * after every run, the question and its two renders of the playground came
 * as a reader pressed Run again.
 */
export function useServerCheck(status: RunStatus, unanswered: boolean): ServerCheck {
  const [check, setCheck] = useState<ServerCheck>('none');
  const ask = status === 'timed-out' || ((status === 'done' || status === 'failed') && unanswered);
  useEffect(() => {
    if (!ask) {
      setCheck('none');
      return;
    }
    let current = true;
    setCheck('checking');
    serverAnswers().then((answers) => {
      if (current) setCheck(answers ? 'answers' : 'unreachable');
    });
    return () => {
      current = false;
    };
  }, [ask]);
  return check;
}
