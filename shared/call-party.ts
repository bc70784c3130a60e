// Who "the other party" of a call is. The gateway reports caller and called as the switch sees
// them, so for an outbound call the caller is the agent's own side: showing `caller` everywhere
// would announce the agent's own number as the held customer. One rule, used by the core, the
// panel, the tray, notifications and the CLI alike (issue 8, item 4; call types: reference §10).
// Plain data: compiled for main, renderer and CLI.

export type CallDirection = 'inbound' | 'outbound' | 'internal';

/** Agent-initiated types: normal, scheduled, pre-occupied, predicted, preview outbound and callback. */
export const OUTBOUND_FEATURES: ReadonlySet<number> = new Set([7, 40, 41, 43, 44, 45]);
/** Agent to agent: internal call, two- and three-party consult, multi-party. */
export const INTERNAL_FEATURES: ReadonlySet<number> = new Set([6, 51, 52, 53]);

/**
 * The direction of a call type. Inbound (0) and every type the reference does not list (-1 "no
 * usable type", 99 transfer conference, anything newer) count as inbound: for them the caller is
 * the other party, which is the rule the issue gives for unknown types.
 */
export function callDirection(callfeature: number): CallDirection {
  if (OUTBOUND_FEATURES.has(callfeature)) return 'outbound';
  if (INTERNAL_FEATURES.has(callfeature)) return 'internal';
  return 'inbound';
}

export interface CallParties {
  caller: string;
  called: string;
  callfeature: number;
}

export interface OtherParty {
  /** The other party's number: the one to show, announce and search for. */
  customer: string;
  direction: CallDirection;
}

/**
 * The other party of a call: inbound → caller; outbound → called; internal and consult → whichever
 * of caller and called is not the agent's own number (`own`: the agent's phone number and, as
 * gateways use it for agent-to-agent calls, the agent id). When neither or both match, the caller.
 */
export function otherParty(call: CallParties, own: readonly string[] = []): OtherParty {
  const direction = callDirection(call.callfeature);
  switch (direction) {
    case 'outbound':
      return { customer: call.called, direction };
    case 'internal': {
      const mine = (n: string): boolean => n !== '' && own.includes(n.trim());
      const customer = mine(call.caller) && !mine(call.called) ? call.called : call.caller;
      return { customer, direction };
    }
    default:
      return { customer: call.caller, direction };
  }
}
