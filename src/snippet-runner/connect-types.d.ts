/*
 * Enough of @connectrpc/connect's types for the editor to check the pattern
 * library's files when a snippet opens them in tabs. Only the editor reads
 * this; the worker runs the real package. connect-types.test.ts checks every
 * declaration here against the real package's own.
 */
declare module '@connectrpc/connect' {
  export enum Code {
    Canceled = 1,
    Unknown = 2,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    FailedPrecondition = 9,
    Aborted = 10,
    OutOfRange = 11,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    DataLoss = 15,
    Unauthenticated = 16,
  }
  export class ConnectError extends Error {
    constructor(message: string, code?: Code, metadata?: HeadersInit, outcomeDetails?: unknown[], cause?: unknown);
    readonly code: Code;
    readonly rawMessage: string;
    readonly metadata: Headers;
    cause: unknown;
    static from(reason: unknown, code?: Code): ConnectError;
  }
  export interface ContextKey<T> {
    id: symbol;
    defaultValue: T;
  }
  export interface ContextValues {
    get<T>(key: ContextKey<T>): T;
    set<T>(key: ContextKey<T>, value: T): this;
    delete(key: ContextKey<unknown>): this;
  }
  export function createContextKey<T>(defaultValue: T, options?: {description?: string}): ContextKey<T>;
  export function createContextValues(): ContextValues;
  export type HandlerContext = {signal: AbortSignal; requestHeader: Headers; values: ContextValues};
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  export type Interceptor = (next: any) => (request: any) => Promise<any>;
}
