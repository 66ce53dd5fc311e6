import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Polite announcements for screen readers. The host renders `${this.announcer.region()}` once;
 * `announce()` changes its text. The same text twice in a row is still spoken: the region is
 * cleared first.
 */
export class LiveAnnouncer implements ReactiveController {
  message = '';
  #timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  announce(message: string): void {
    this.message = '';
    this.host.requestUpdate();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.message = message;
      this.host.requestUpdate();
    }, 100);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }
}
