// How long a call has been held, in the panel's terms: the threshold level of a hold time, and a
// threshold as words ("90 s", "3 min") for the notes beside amber and red timers.
import { stageOf, type Stage } from '../../../shared/escalation';
import { msg, type Message } from '../../../shared/i18n';

export type HoldLevel = Stage | 'ok';

/** The rule is the one escalation uses (shared/escalation.ts), so colour and announcements agree. */
export function holdLevel(elapsedSec: number, warnAfterSec: number, alertAfterSec: number): HoldLevel {
  return stageOf(elapsedSec * 1000, warnAfterSec, alertAfterSec);
}

export function durationMessage(sec: number): Message {
  if (sec < 60) return msg('ui.duration.seconds', { seconds: sec });
  const minutes = Math.floor(sec / 60);
  const seconds = sec % 60;
  return seconds === 0 ? msg('ui.duration.minutes', { minutes }) : msg('ui.duration.minutes-seconds', { minutes, seconds });
}
