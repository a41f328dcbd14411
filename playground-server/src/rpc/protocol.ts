/** The three RPC protocols connect-es serves, as labels for metrics and logs. */
export type RpcProtocol = 'connect' | 'grpc' | 'grpc_web';

/**
 * The protocol a request speaks, from its Content-Type, or undefined when
 * it speaks none of them (connect-es then answers 415 itself).
 */
export function protocolOf(contentType: string | null | undefined): RpcProtocol | undefined {
  const type = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (/^application\/grpc-web(-text)?(\+\w+)?$/.test(type)) {
    return 'grpc_web';
  }
  if (/^application\/grpc(\+\w+)?$/.test(type)) {
    return 'grpc';
  }
  if (/^application\/(connect\+)?(json|proto)$/.test(type)) {
    return 'connect';
  }
  return undefined;
}
