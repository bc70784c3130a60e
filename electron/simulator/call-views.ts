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
      return [customerReleased(event.call, style)];
    case 'hung-up':
      // The events the release page lists [D] (cec_07_1247); their order is inferred [I].
      return [
        { eventType: 'AgentEvent_Call_Release', content: event.call.callid },
        customerReleased(event.call, style),
        { eventType: 'AgentOther_PhoneRelease', content: '' },
        { eventType: 'AgentState_Ready', content: '' },
      ];
    case 'connected':
      // The four events the connecthold page lists [D]. Which call each names is inferred [I]:
      // the agent leaves its current call (Call_Release); the held caller is no longer the
      // agent's (Customer_Release); the recording of the agent's call stops.
      return [
        { eventType: 'AgentEvent_Call_Release', content: event.current.callid },
        customerReleased(event.held, style),
        { eventType: 'AgentOther_PhoneRelease', content: '' },
        {
          eventType: 'AgentMediaEvent_StopRecordDone',
          content: {
            beginTime: event.current.begintime,
            endTime: Date.now(),
            taskId: `rec-${event.current.callid}`,
            fileMediaType: 1,
            recordFormat: 'wav',
          },
        },
      ];
  }
}

function customerReleased(call: Call, style: ViewStyle): AgentEventBody {
  return { eventType: 'AgentEvent_Customer_Release', content: { callid: call.callid, number: number(call.caller, style) } };
}
