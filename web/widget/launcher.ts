// The launcher: a button in the project's colour with an unread badge, in the widget's shadow root.
import { textColorOn } from '@shared/ui/contrast';
import { adoptCss } from './adopt-css';
import css from './launcher.css?inline';
import type { Strings } from './strings';

const ICON_CHAT =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';
const ICON_CLOSE =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z"/></svg>';

export interface Launcher {
  host: HTMLElement;
  root: ShadowRoot;
  panel: HTMLElement;
  button: HTMLButtonElement;
  setOpen(open: boolean): void;
  setUnread(count: number): void;
  setColor(color: string | null): void;
}

export function createLauncher(t: Strings, position: string, onClick: () => void): Launcher {
  const host = document.createElement('div');
  host.id = 'spectre-widget';
  const root = host.attachShadow({ mode: 'open' });
  adoptCss(root, css);
  const wrap = document.createElement('div');
  wrap.className = position === 'left' ? 'sp left' : 'sp';
  const panel = document.createElement('div');
  panel.className = 'panel';
  panel.hidden = true;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-describedby', 'sp-unread');
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.hidden = true;
  badge.setAttribute('aria-hidden', 'true');
  const unreadText = document.createElement('span');
  unreadText.id = 'sp-unread';
  unreadText.className = 'vh';
  const icon = document.createElement('span');
  button.append(icon, badge);
  button.addEventListener('click', onClick);
  wrap.append(panel, button, unreadText);
  root.append(wrap);
  document.body.append(host);

  const launcher: Launcher = {
    host,
    root,
    panel,
    button,
    setOpen(open) {
      button.setAttribute('aria-label', open ? t.closeChat : t.openChat);
      button.setAttribute('aria-expanded', String(open));
      icon.innerHTML = open ? ICON_CLOSE : ICON_CHAT;
      panel.hidden = !open;
      wrap.classList.toggle('open', open);
    },
    setUnread(count) {
      badge.hidden = count === 0;
      badge.textContent = count > 99 ? '99+' : String(count);
      unreadText.textContent = count ? t.unread(count) : '';
    },
    setColor(color) {
      if (!color || !/^#[0-9a-f]{6}$/i.test(color)) return;
      // CSSOM, not a style attribute: allowed under a strict CSP.
      host.style.setProperty('--sp-accent', color);
      host.style.setProperty('--sp-on-accent', textColorOn(color));
    },
  };
  launcher.setOpen(false);
  return launcher;
}
