import { otherParty } from '../../shared/call-party';
import type { Call, PhoneEvent } from './phone';

// How calls look on the wire. Real gateways are inconsistent about types (the docs say
// int for numbers that samples treat as strings), so `numericFields` flips them to
// exercise lenient clients.

export interface ViewStyle {
  holdEvents: 'standard' | 'linkage';
  numericFields: boolean;
}

export interface AgentEventBody {
  eventType: string;
  content: unknown;
}

/** Digits-only numbers become JSON numbers under the quirk (leading zeros are lost, as on a sloppy gateway). */
function number(value: string, style: ViewStyle): string | number {
  if (!style.numericFields || !/^\d{1,15}$/.test(value)) return value;
  return Number(value);
}

/** callfeature is an int in holdlist/callinfo; the quirk sends it as a string. */
function feature(value: number, style: ViewStyle): number | string {
  return style.numericFields ? String(value) : value;
}

/** The Talking event's `feature` is a string in the doc examples; the quirk sends a number. */
function eventFeature(value: number, style: ViewStyle): number | string {
  return style.numericFields ? value : String(value);
}

export function holdListItem(call: Call, style: ViewStyle): Record<string, unknown> {
  return {
    callfeature: feature(call.callfeature, style),
    callid: call.callid,
    caller: number(call.caller, style),
    called: number(call.called, style),
    callskill: call.callskill,
    callskillid: 0,
    orgicallednum: '',
    calldata: null,
    begintime: null,
    endtime: null,
  };
}

export function callInfo(call: Call, style: ViewStyle): Record<string, unknown> {
  return {
    callid: call.callid,
    caller: number(call.caller, style),
    called: number(call.called, style),
    callfeature: feature(call.callfeature, style),
    callskill: call.callskill,
    callskillid: 0,
    orgicallednum: '',
    calldata: '',
    begintime: call.begintime,
    endtime: null,
  };
}

function talking(call: Call, style: ViewStyle): AgentEventBody {
  return {
    eventType: 'AgentEvent_Talking',
    content: {
      caller: number(call.caller, style),
      called: number(call.called, style),
      callid: call.callid,
      feature: eventFeature(call.callfeature, style),
      type: 'main',
      mediaAbility: '0',
    },
  };
}

export function agentEvents(event: PhoneEvent, style: ViewStyle): AgentEventBody[] {
  const linkage = style.holdEvents === 'linkage';
  switch (event.kind) {
    case 'talking':
      return [talking(event.call, style)];
    case 'held':
      return linkage
        ? [{ eventType: 'AgentEvent_linkagePhoneHold', content: { callId: event.call.callid } }]
        : [{ eventType: 'AgentEvent_Hold', content: event.call.callid }];
    case 'resumed':
      return linkage
        ? [{ eventType: 'AgentEvent_linkagePhoneUnHold', content: { callId: event.call.callid } }]
        : [talking(event.call, style)];
    case 'agent-released':
      return [{ eventType: 'AgentEvent_Call_Release', content: event.call.callid }];
    case 'customer-released':
      return [
        {
          eventType: 'AgentEvent_Customer_Release',
          // The number of the party who left: the customer's, which for an outbound call is the called number.
          content: { callid: event.call.callid, number: number(otherParty(event.call).customer, style) },
        },
      ];
    case 'phone-released':
      return [{ eventType: 'AgentOther_PhoneRelease', content: '' }];
  }
}
