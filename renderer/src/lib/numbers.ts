// The number a row shows beside the other party's: the main number is the other party (inbound:
// the caller; outbound: the called number), so the second line names the remaining one, "to 4001"
// or "from 40038". Both numbers stay visible, and the row stays two lines high.
import { msg, type Message } from '../../../shared/i18n';

export function otherNumber(call: { caller: string; called: string; customer: string }): Message {
  return call.customer === call.caller && call.customer !== '' ? msg('ui.call.to', { number: call.called || '–' }) : msg('ui.call.from', { number: call.caller || '–' });
}

export function bothNumbers(call: { caller: string; called: string }): Message {
  return msg('ui.call.numbers.title', { caller: call.caller || '–', called: call.called || '–' });
}
