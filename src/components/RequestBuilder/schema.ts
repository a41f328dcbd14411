/**
 * What the request builder knows about the Router's API, read from the
 * generated descriptors (packages/api/src): services, methods and, for each field,
 * how to edit it as proto3 JSON.
 */
import {
  fromJson,
  ScalarType,
  type DescField,
  type DescMethod,
  type DescService,
  type Message,
} from '@bufbuild/protobuf';
import {Router, RouterAdmin} from '@beamline/api/beamline/flow/v1/flow_pb';

export type JsonValue = string | number | boolean | null | JsonValue[] | {[key: string]: JsonValue};
export type JsonObject = {[key: string]: JsonValue};

export const services: readonly DescService[] = [Router, RouterAdmin];

/** `beamline.flow.v1.Router/Decide`, the id the builder and its URL use for a method. */
export function methodId(method: DescMethod): string {
  return `${method.parent.typeName}/${method.name}`;
}

export function findMethod(id: string): DescMethod | undefined {
  for (const service of services) for (const method of service.methods) if (methodId(method) === id) return method;
  return undefined;
}

export const scalarNames: Record<ScalarType, string> = {
  [ScalarType.DOUBLE]: 'double',
  [ScalarType.FLOAT]: 'float',
  [ScalarType.INT64]: 'int64',
  [ScalarType.UINT64]: 'uint64',
  [ScalarType.INT32]: 'int32',
  [ScalarType.FIXED64]: 'fixed64',
  [ScalarType.FIXED32]: 'fixed32',
  [ScalarType.BOOL]: 'bool',
  [ScalarType.STRING]: 'string',
  [ScalarType.BYTES]: 'bytes',
  [ScalarType.UINT32]: 'uint32',
  [ScalarType.SFIXED32]: 'sfixed32',
  [ScalarType.SFIXED64]: 'sfixed64',
  [ScalarType.SINT32]: 'sint32',
  [ScalarType.SINT64]: 'sint64',
};

/** How a field reads in the proto file: `string`, `repeated AdminRule`, `map<string, string>`. */
export function fieldTypeLabel(field: DescField): string {
  switch (field.fieldKind) {
    case 'scalar':
      return scalarNames[field.scalar];
    case 'enum':
      return field.enum.name;
    case 'message':
      return field.message.name;
    case 'list':
      return `repeated ${field.listKind === 'scalar' ? scalarNames[field.scalar] : field.listKind === 'enum' ? field.enum.name : field.message.name}`;
    case 'map':
      return `map<${scalarNames[field.mapKey]}, ${field.mapKind === 'scalar' ? scalarNames[field.scalar] : field.mapKind === 'enum' ? field.enum.name : field.message.name}>`;
  }
}

export type ScalarInput = 'text' | 'integer' | 'int64' | 'decimal' | 'bool' | 'bytes';

export function scalarInput(scalar: ScalarType): ScalarInput {
  switch (scalar) {
    case ScalarType.STRING:
      return 'text';
    case ScalarType.BOOL:
      return 'bool';
    case ScalarType.BYTES:
      return 'bytes';
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      return 'decimal';
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return 'int64';
    default:
      return 'integer';
  }
}

/** The proto3 JSON zero of a scalar, what a new list item or map value starts as. */
export function scalarZero(scalar: ScalarType): JsonValue {
  switch (scalarInput(scalar)) {
    case 'bool':
      return false;
    case 'integer':
    case 'decimal':
      return 0;
    case 'int64':
      return '0';
    default:
      return '';
  }
}

/**
 * Reads a form's text back into a scalar's JSON value; `undefined` leaves the
 * field out (its default). Throws with a reader-facing message when the text
 * cannot be that type.
 */
export function parseScalar(scalar: ScalarType, text: string): JsonValue | undefined {
  const kind = scalarInput(scalar);
  if (kind === 'text' || kind === 'bytes') return text === '' ? undefined : text;
  if (text.trim() === '') return undefined;
  if (kind === 'int64') {
    if (!/^-?\d+$/.test(text.trim())) throw new Error(`${scalarNames[scalar]} needs a whole number, got "${text}"`);
    return text.trim();
  }
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`${scalarNames[scalar]} needs a number, got "${text}"`);
  if (kind === 'integer' && !Number.isInteger(value))
    throw new Error(`${scalarNames[scalar]} needs a whole number, got "${text}"`);
  return value;
}

/** The request as the method's input message, or a reader-facing reason it is not one. */
export function toRequestMessage(method: DescMethod, request: JsonObject): {message?: Message; problem?: string} {
  try {
    return {message: fromJson(method.input, request)};
  } catch (error) {
    return {problem: `The request is not a valid ${method.input.name}: ${(error as Error).message}`};
  }
}
