import type {DescMethod} from '@bufbuild/protobuf';
import type {JsonObject} from './schema';
import type {Protocol} from './builder-state';

/** The call the builder is about to make, as the TypeScript a reader would write with Connect-ES. */
export function callAsCode(
  method: DescMethod,
  request: JsonObject,
  protocol: Protocol,
  binary: boolean,
  headers: Array<[string, string]>,
  timeoutMs: number,
): string {
  const service = method.parent.name;
  const transport = protocol === 'connect' ? 'createConnectTransport' : 'createGrpcWebTransport';
  const options: string[] = [];
  if (timeoutMs > 0) options.push(`timeoutMs: ${timeoutMs}`);
  if (headers.length)
    options.push(
      `headers: ${JSON.stringify(Object.fromEntries(headers.map(([name, value]) => [name.toLowerCase(), value])))}`,
    );
  const body = JSON.stringify(request, null, 2).replace(/\n/g, '\n  ');
  return [
    `import {createClient} from '@connectrpc/connect';`,
    `import {${transport}} from '@connectrpc/connect-web';`,
    `import {fromJson} from '@bufbuild/protobuf';`,
    `import {${service}, ${method.input.name}Schema} from './gen/beamline/flow/v1/flow_pb';`,
    ``,
    `const transport = ${transport}({baseUrl: 'http://localhost:3000'${binary ? ', useBinaryFormat: true' : ''}});`,
    `const client = createClient(${service}, transport);`,
    `const request = fromJson(${method.input.name}Schema, ${body});`,
    `const response = await client.${method.localName}(request${options.length ? `, {\n  ${options.join(',\n  ')},\n}` : ''});`,
  ].join('\n');
}
