import {Code, ConnectError} from '@connectrpc/connect';

/** Longest id or label accepted anywhere; keeps one request from bloating the store. */
const MAX_TEXT_LENGTH = 256;

export function invalidArgument(message: string): ConnectError {
  return new ConnectError(message, Code.InvalidArgument);
}

/** A required identifier such as `message.tenant_id`; `field` names it in errors. */
export function requireText(value: string, field: string): string {
  if (value === '') {
    throw invalidArgument(`${field} is required`);
  }
  return optionalText(value, field);
}

export function optionalText(value: string, field: string): string {
  if (value.length > MAX_TEXT_LENGTH) {
    throw invalidArgument(`${field} must be at most ${MAX_TEXT_LENGTH} characters, got ${value.length}`);
  }
  // Control characters in ids end up in logs and response metadata.
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw invalidArgument(`${field} must not contain control characters`);
  }
  return value;
}
