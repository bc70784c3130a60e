// Where the panel opens: next to the tray icon, kept inside the display's work area.
// Plain geometry (no Electron import) so it is unit-tested; the taskbar can be on any edge.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const GAP = 4;

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, Math.max(min, max)));
}

/**
 * tray: the icon's bounds (may be all zeros on Linux, where Electron cannot tell);
 * work: the work area of the display nearest the icon.
 */
export function panelPosition(tray: Rect, size: { width: number; height: number }, work: Rect): { x: number; y: number } {
  const known = tray.width > 0 && tray.height > 0;
  if (!known) {
    // No icon position: bottom-right on Windows/Linux habits, clear of the taskbar.
    return { x: work.x + work.width - size.width - GAP, y: work.y + work.height - size.height - GAP };
  }
  const centreX = tray.x + tray.width / 2;
  const centreY = tray.y + tray.height / 2;
  const workRight = work.x + work.width;
  const workBottom = work.y + work.height;
  let x: number;
  let y: number;
  if (tray.y + tray.height <= work.y + 1) {
    // Taskbar / menu bar at the top.
    x = centreX - size.width / 2;
    y = work.y + GAP;
  } else if (tray.y >= workBottom - 1) {
    x = centreX - size.width / 2;
    y = workBottom - size.height - GAP;
  } else if (tray.x >= workRight - 1) {
    x = workRight - size.width - GAP;
    y = centreY - size.height / 2;
  } else if (tray.x + tray.width <= work.x + 1) {
    x = work.x + GAP;
    y = centreY - size.height / 2;
  } else {
    // The icon sits inside the work area (some Linux panels): open below or above it.
    x = centreX - size.width / 2;
    y = centreY < work.y + work.height / 2 ? tray.y + tray.height + GAP : tray.y - size.height - GAP;
  }
  return {
    x: Math.round(clamp(x, work.x + GAP, workRight - size.width - GAP)),
    y: Math.round(clamp(y, work.y + GAP, workBottom - size.height - GAP)),
  };
}
