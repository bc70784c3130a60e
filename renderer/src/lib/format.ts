// Pure formatting helpers for the panel: hold timers, threshold levels, hotkey labels.
// Hold times and accelerators read the same in the tray and the CLI: those come from shared/.

export type HoldLevel = 'ok' | 'warn' | 'alert';

export { formatHoldTime as formatHold } from '../../../shared/format';
export { formatAccelerator } from '../../../shared/accelerator';

export function holdLevel(elapsedSec: number, warnAfterSec: number, alertAfterSec: number): HoldLevel {
  if (elapsedSec >= alertAfterSec) return 'alert';
  if (elapsedSec >= warnAfterSec) return 'warn';
  return 'ok';
}

/** "90 s" / "3 min" / "2 min 30 s": thresholds in words for descriptions. */
export function formatDuration(sec: number): string {
  if (sec < 60) return `${sec} s`;
  const m = Math.floor(sec / 60);
  const s = sec % 60;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}
