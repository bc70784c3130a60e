// What the two live regions say. Setting the same text twice would not be re-read by a screen
// reader, so each message clears the region first and is written on the next frame.

export class Announcer {
  polite = $state('');
  assertive = $state('');
  #timers: Record<'polite' | 'assertive', ReturnType<typeof setTimeout> | undefined> = { polite: undefined, assertive: undefined };

  say(message: string): void {
    this.#write('polite', message);
  }

  alert(message: string): void {
    this.#write('assertive', message);
  }

  clearAlert(): void {
    clearTimeout(this.#timers.assertive);
    this.assertive = '';
  }

  #write(region: 'polite' | 'assertive', message: string): void {
    clearTimeout(this.#timers[region]);
    this[region] = '';
    this.#timers[region] = setTimeout(() => {
      this[region] = message;
    }, 50);
  }
}
