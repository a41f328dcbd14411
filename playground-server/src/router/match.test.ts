import {describe, expect, it} from 'vitest';
import {MatchSyntaxError, parseMatch, type RequestFacts} from './match.js';

const facts: RequestFacts = {
  message_type: 'chat',
  message_id: 'm-1',
  tenant_id: 'acme',
  trace_id: 't-1',
  policy_id: 'default',
  metadata: {region: 'eu', note: 'say "hi" && bye'},
  context: {tier: 'gold'},
};

describe('parseMatch', () => {
  it('matches everything with *', () => {
    expect(parseMatch('*')(facts)).toBe(true);
    expect(parseMatch('  *  ')(facts)).toBe(true);
  });

  it.each([
    ['message_type == "chat"', true],
    ['message_type == "batch"', false],
    ['message_type != "batch"', true],
    ['tenant_id == "acme"', true],
    ['message_id == "m-1"', true],
    ['trace_id == "t-1"', true],
    ['policy_id == "default"', true],
    ['metadata.region == "eu"', true],
    ['metadata.region=="us"', false],
    ['context.tier == "gold"', true],
    ['context.missing == ""', true],
    ['context.missing != "x"', true],
    ['metadata.constructor == ""', true],
    ['metadata.region == "eu" && context.tier == "gold"', true],
    ['metadata.region == "eu" && context.tier == "free"', false],
    ['metadata.note == "say \\"hi\\" && bye"', true],
  ])('%s → %s', (source, expected) => {
    expect(parseMatch(source)(facts)).toBe(expected);
  });

  it.each([
    ['', /empty; write "\*"/],
    ['   ', /empty/],
    ['message_type', /cannot parse "message_type"; expected <field> == "<value>"/],
    ['message_type = "chat"', /cannot parse/],
    ['message_type == chat', /cannot parse/],
    ['message_type == "chat" &&', /cannot parse ""/],
    ['message_type == "chat" || tier == "x"', /expected "&&" or the end/],
    ['region == "eu"', /unknown field "region"; use one of message_type/],
    ['payload.x == "eu"', /unknown field "payload.x"/],
    ['metadata.region == "unterminated', /cannot parse/],
  ])('rejects %j', (source, message) => {
    expect(() => parseMatch(source)).toThrow(MatchSyntaxError);
    expect(() => parseMatch(source)).toThrow(message);
  });
});
