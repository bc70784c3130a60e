// How long a call has been held, in the panel's terms: the threshold level of a hold time, and a
// threshold as words ("90 s", "3 min") for the notes beside amber and red timers.
import { msg, type Message } from '../../../shared/i18n';

export type HoldLevel = 'ok' | 'warn' | 'alert';

export function holdLevel(elapsedSec: number, warnAfterSec: number, alertAfterSec: number): HoldLevel {
  if (elapsedSec >= alertAfterSec) return 'alert';
  if (elapsedSec >= warnAfterSec) return 'warn';
  return 'ok';
}

export function durationMessage(sec: number): Message {
  if (sec < 60) return msg('ui.duration.seconds', { seconds: sec });
  const minutes = Math.floor(sec / 60);
  const seconds = sec % 60;
  return seconds === 0 ? msg('ui.duration.minutes', { minutes }) : msg('ui.duration.minutes-seconds', { minutes, seconds });
}
