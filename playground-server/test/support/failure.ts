import {ConnectError} from '@connectrpc/connect';

/** The error a call that must fail failed with; fails the test if the call succeeded. */
export async function failure(call: Promise<unknown>): Promise<ConnectError> {
  try {
    await call;
  } catch (error) {
    return ConnectError.from(error);
  }
  throw new Error('expected the call to fail');
}
