// The optional sound cue when a hold crosses a threshold (off by default: a setting). Synthesised
// with Web Audio, so there is no audio file to ship and nothing for the CSP to allow; one short
// tone at the warning, two higher ones at the alert. Best effort: a page that may not play sound
// (no audio device, autoplay policy) stays silent rather than fail.
import type { Stage } from '../../../shared/escalation';

let context: AudioContext | undefined;

export function playCue(stage: Stage): void {
  try {
    context ??= new AudioContext();
    const start = context.currentTime;
    const beeps = stage === 'alert' ? 2 : 1;
    for (let i = 0; i < beeps; i += 1) {
      const at = start + i * 0.22;
      const tone = context.createOscillator();
      const gain = context.createGain();
      tone.frequency.value = stage === 'alert' ? 880 : 660;
      // A quick fade in and out: no click, and quiet enough to sit under a call.
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(0.15, at + 0.02);
      gain.gain.linearRampToValueAtTime(0, at + 0.16);
      tone.connect(gain).connect(context.destination);
      tone.start(at);
      tone.stop(at + 0.18);
    }
  } catch {
    // No sound here; the announcement and the colour still say it.
  }
}
