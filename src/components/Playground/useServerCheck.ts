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
 * When a run ends on its own, asks the playground-server whether it is still
 * there. A snippet that catches its failed calls ends "normally" even when
 * every call failed to reach the server, and the page must not call that a
 * success.
 */
export function useServerCheck(status: RunStatus): ServerCheck {
  const [check, setCheck] = useState<ServerCheck>('none');
  useEffect(() => {
    if (status === 'idle' || status === 'running' || status === 'stopped') {
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
  }, [status]);
  return check;
}
