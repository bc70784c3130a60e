// How a hold time reads everywhere (panel, tray tooltip, CLI): m:ss under an hour, h:mm:ss beyond,
// never negative (clocks can disagree by a few ms).
export function formatHoldTime(elapsedMs: number): string {
  const total = Math.max(0, Math.floor(elapsedMs / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * A hold time as the agent reads it: "≥ 2:10" when the hold began before this workstation first
 * saw it (heldSinceExact false), so a lower bound is never shown as the exact time.
 */
export function formatHeldFor(elapsedMs: number, exact: boolean): string {
  return exact ? formatHoldTime(elapsedMs) : `≥ ${formatHoldTime(elapsedMs)}`;
}
