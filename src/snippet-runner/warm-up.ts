import {createClient} from '@connectrpc/connect';
import {createConnectTransport} from '@connectrpc/connect-web';
import {init} from 'es-module-lexer';
import {Router} from '@beamline/api/beamline/flow/v1/flow_pb';

// A RouteDecision as the Connect protocol answers it in JSON.
const cannedDecision = JSON.stringify({providerId: 'warm-up', reason: 'warm-up', priority: 1});

/**
 * What the page's spare worker does while it waits for a Run: everything a
 * run needs that does not depend on its snippet, done once, so the Run pays
 * only for its own code. A fresh V8 isolate compiles each function the first
 * time it runs — Connect's client and protobuf's JSON codec are on a Run's
 * way to its first chart point — and es-module-lexer compiles its
 * WebAssembly on first use.
 *
 * The Router call goes to a canned `fetch`: a spare that never runs must not
 * reach the server, whose rooms and metrics count every call.
 */
export async function warmUp(): Promise<void> {
  await init;
  const transport = createConnectTransport({
    baseUrl: 'http://warm-up.invalid',
    fetch: async () => new Response(cannedDecision, {headers: {'content-type': 'application/json'}}),
  });
  await createClient(Router, transport).decide({message: {messageId: 'warm-up', tenantId: 'warm-up'}});
}
