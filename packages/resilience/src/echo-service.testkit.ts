/**
 * Test-only: a one-method Connect service built at runtime (no codegen), to
 * drive the interceptors through a real Connect client and an in-memory
 * router transport (`createRouterTransport`, @connectrpc/connect).
 */
import {create, createFileRegistry} from '@bufbuild/protobuf';
import type {DescService} from '@bufbuild/protobuf';
import {FileDescriptorProtoSchema, file_google_protobuf_wrappers} from '@bufbuild/protobuf/wkt';
import type {HandlerContext, Interceptor} from '@connectrpc/connect';
import {createClient, createRouterTransport} from '@connectrpc/connect';

const fileProto = create(FileDescriptorProtoSchema, {
  name: 'test/echo.proto',
  package: 'test.v1',
  syntax: 'proto3',
  dependency: ['google/protobuf/wrappers.proto'],
  service: [
    {
      name: 'Echo',
      method: [{name: 'Say', inputType: '.google.protobuf.StringValue', outputType: '.google.protobuf.StringValue'}],
    },
  ],
});

export const EchoService: DescService = createFileRegistry(fileProto, (name) =>
  name === 'google/protobuf/wrappers.proto' ? file_google_protobuf_wrappers : undefined,
).getService('test.v1.Echo') as DescService;

export interface EchoClient {
  say(
    request: {value: string},
    options?: {timeoutMs?: number; signal?: AbortSignal; contextValues?: import('@connectrpc/connect').ContextValues},
  ): Promise<{value: string}>;
}

/** A client whose server runs `handler` for every call. */
export function echoClient(
  handler: (value: string, context: HandlerContext) => Promise<string> | string,
  interceptors: Interceptor[],
): EchoClient {
  const transport = createRouterTransport(
    ({service}) => {
      service(EchoService, {
        say: async (request: {value: string}, context: HandlerContext) => ({
          value: await handler(request.value, context),
        }),
      } as never);
    },
    {transport: {interceptors}},
  );
  return createClient(EchoService, transport) as unknown as EchoClient;
}
