/**
 * Renders whatever a snippet logs as one readable line: strings as they are,
 * errors as `Name: message`, messages and objects as compact JSON (int64
 * fields are bigints, which JSON.stringify alone rejects).
 */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value !== 'object' || value === null) return String(value);
  try {
    return JSON.stringify(value, (key, inner: unknown) => {
      if (key === '$typeName') return undefined;
      if (typeof inner === 'bigint') return inner.toString();
      if (inner instanceof Uint8Array) return `<${inner.length} bytes>`;
      return inner;
    });
  } catch {
    return String(value);
  }
}

export function formatLogArgs(args: readonly unknown[]): string {
  return args.map(formatValue).join(' ');
}
