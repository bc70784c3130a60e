import { describe, expect, it } from 'vitest';
import { callDirection, otherParty } from '../../shared/call-party';

// Reference section 10: every call type, and who the other party is for each.
const OWN = ['70943', '1001']; // the agent's phone number and agent id

describe('the other party of a call (issue 8, item 4)', () => {
  it.each([
    [0, 'inbound'],
    [7, 'outbound'],
    [40, 'outbound'],
    [41, 'outbound'],
    [43, 'outbound'],
    [44, 'outbound'],
    [45, 'outbound'],
  ] as const)('type %i is %s: the %s party', (feature, direction) => {
    const party = otherParty({ caller: '07700900123', called: '2125550147', callfeature: feature }, OWN);
    expect(party).toEqual({ direction, customer: direction === 'inbound' ? '07700900123' : '2125550147' });
  });

  it('the seed holdlist example (outbound 7, caller 10086, called 70943) names 70943', () => {
    expect(otherParty({ caller: '10086', called: '70943', callfeature: 7 })).toEqual({ customer: '70943', direction: 'outbound' });
  });

  it.each([6, 51, 52, 53])('internal type %i: whichever number is not the agent’s own', (feature) => {
    expect(otherParty({ caller: '70943', called: '40021', callfeature: feature }, OWN)).toEqual({ customer: '40021', direction: 'internal' });
    expect(otherParty({ caller: '40021', called: '70943', callfeature: feature }, OWN)).toEqual({ customer: '40021', direction: 'internal' });
    // Agent-to-agent calls may name the agent by id rather than phone.
    expect(otherParty({ caller: '1001', called: '1002', callfeature: feature }, OWN)).toEqual({ customer: '1002', direction: 'internal' });
    // Neither is ours (or we do not know our number): the caller, as for unknown types.
    expect(otherParty({ caller: '40021', called: '40022', callfeature: feature }, OWN).customer).toBe('40021');
    expect(otherParty({ caller: '70943', called: '40021', callfeature: feature }).customer).toBe('70943');
  });

  it.each([-1, 99, 12, 1000])('unknown type %i: the caller, counted as inbound', (feature) => {
    expect(otherParty({ caller: '07700900123', called: '4001', callfeature: feature }, OWN)).toEqual({ customer: '07700900123', direction: 'inbound' });
    expect(callDirection(feature)).toBe('inbound');
  });

  it('keeps numbers as text (leading zeros, +)', () => {
    expect(otherParty({ caller: '+442079460958', called: '007', callfeature: 44 }).customer).toBe('007');
  });
});
