// App-wide restrictions on every web contents, installed once before any window exists.
// Items refer to https://www.electronjs.org/docs/latest/tutorial/security (the checklist).
import { app, type Session, type WebContents } from 'electron';

export interface SecurityOptions {
  /** True for the app's own page (app://panel/index.html, or the dev server in development). */
  isAppUrl(url: string): boolean;
  log?(message: string): void;
}

function restrictSession(session: Session): void {
  // Checklist #5: the panel needs no camera, notifications-from-page, geolocation, etc.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

function restrictContents(contents: WebContents, options: SecurityOptions): void {
  const refuse = (what: string, url: string): void => options.log?.(`Blocked ${what} to ${url.slice(0, 200)}`);
  // Checklist #13: no navigation away from our page (a reload of our own page is fine).
  contents.on('will-navigate', (event, url) => {
    if (options.isAppUrl(url)) return;
    event.preventDefault();
    refuse('navigation', url);
  });
  contents.on('will-redirect', (event, url) => {
    if (options.isAppUrl(url)) return;
    event.preventDefault();
    refuse('redirect', url);
  });
  // Checklist #14: no new windows.
  contents.setWindowOpenHandler(({ url }) => {
    refuse('window.open', url);
    return { action: 'deny' };
  });
  // Checklist #12: no <webview> at all.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    refuse('webview', '(attach)');
  });
}

export function installSecurityRestrictions(options: SecurityOptions): void {
  const seen = new WeakSet<Session>();
  app.on('web-contents-created', (_event, contents) => {
    restrictContents(contents, options);
    if (!seen.has(contents.session)) {
      seen.add(contents.session);
      restrictSession(contents.session);
    }
  });
}
