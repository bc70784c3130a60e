// One shared 1 s tick for every hold timer: rows read `clock.now`, and the interval runs only
// while something on screen is reading it (createSubscriber starts and stops it).
import { createSubscriber } from 'svelte/reactivity';

class Clock {
  #now = $state(Date.now());
  #subscribe = createSubscriber((update) => {
    this.#now = Date.now();
    const id = setInterval(() => {
      this.#now = Date.now();
      update();
    }, 1000);
    return () => clearInterval(id);
  });

  get now(): number {
    this.#subscribe();
    return this.#now;
  }
}

export const clock = new Clock();
