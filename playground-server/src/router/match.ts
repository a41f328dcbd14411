/**
 * The condition language of `AdminRule.match`.
 *
 *   match     := "*" | condition ( "&&" condition )*
 *   condition := field ( "==" | "!=" ) string
 *   field     := "message_type" | "message_id" | "tenant_id" | "trace_id"
 *              | "policy_id" | "metadata." key | "context." key
 *   key       := one or more of A-Z a-z 0-9 _ - . /
 *   string    := '"' characters, with \" and \\ escaped '"'
 *
 * `metadata.<key>` reads Message.metadata, `context.<key>` reads
 * RouteRequest.context; a missing key reads as "". Comparison is exact and
 * case-sensitive. Examples: `*`, `message_type == "chat"`,
 * `metadata.region == "eu" && context.tier != "free"`.
 */

/** What a condition can look at, taken from one RouteRequest. */
export interface RequestFacts {
  readonly message_type: string;
  readonly message_id: string;
  readonly tenant_id: string;
  readonly trace_id: string;
  readonly policy_id: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly context: Readonly<Record<string, string>>;
}

export type Matcher = (facts: RequestFacts) => boolean;

/** A `match` string that is not in the language; the message says where. */
export class MatchSyntaxError extends Error {
  override name = 'MatchSyntaxError';
}

const PLAIN_FIELDS = ['message_type', 'message_id', 'tenant_id', 'trace_id', 'policy_id'] as const;
type PlainField = (typeof PLAIN_FIELDS)[number];
const MAP_FIELDS = ['metadata', 'context'] as const;
type MapField = (typeof MAP_FIELDS)[number];

type FieldReader = (facts: RequestFacts) => string;

// Sticky (`y`) so each piece must start exactly where the previous ended.
const CONDITION = /\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_\-./]+)?)\s*(==|!=)\s*("(?:[^"\\]|\\.)*")\s*/y;
const AND = /&&/y;

export function parseMatch(source: string): Matcher {
  const text = source.trim();
  if (text === '*') {
    return () => true;
  }
  if (text === '') {
    throw new MatchSyntaxError('empty; write "*" to match every request');
  }
  const conditions: Matcher[] = [];
  let position = 0;
  for (;;) {
    CONDITION.lastIndex = position;
    const found = CONDITION.exec(text);
    if (!found) {
      throw new MatchSyntaxError(
        `cannot parse ${JSON.stringify(text.slice(position))}; expected <field> == "<value>" ` +
          'or <field> != "<value>", for example message_type == "chat"',
      );
    }
    const [, field = '', operator, literal = '""'] = found;
    conditions.push(condition(fieldReader(field), operator === '==', unquote(literal)));
    position = CONDITION.lastIndex;
    if (position === text.length) {
      return (facts) => conditions.every((holds) => holds(facts));
    }
    AND.lastIndex = position;
    if (!AND.test(text)) {
      throw new MatchSyntaxError(
        `expected "&&" or the end after a condition, got ${JSON.stringify(text.slice(position))}`,
      );
    }
    position = AND.lastIndex;
  }
}

function condition(read: FieldReader, equal: boolean, expected: string): Matcher {
  return equal ? (facts) => read(facts) === expected : (facts) => read(facts) !== expected;
}

function fieldReader(field: string): FieldReader {
  const dot = field.indexOf('.');
  if (dot === -1) {
    if (isPlainField(field)) {
      return (facts) => facts[field];
    }
  } else {
    const map = field.slice(0, dot);
    const key = field.slice(dot + 1);
    if (isMapField(map)) {
      // hasOwn: "constructor" and friends are keys like any other here.
      return (facts) => (Object.hasOwn(facts[map], key) ? (facts[map][key] ?? '') : '');
    }
  }
  throw new MatchSyntaxError(
    `unknown field ${JSON.stringify(field)}; use one of ${PLAIN_FIELDS.join(', ')}, ` +
      'metadata.<key> or context.<key>',
  );
}

function isPlainField(field: string): field is PlainField {
  return (PLAIN_FIELDS as readonly string[]).includes(field);
}

function isMapField(field: string): field is MapField {
  return (MAP_FIELDS as readonly string[]).includes(field);
}

function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, '$1');
}
