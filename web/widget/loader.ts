// /widget.js: the classic script every page of the site loads. It draws the launcher, answers the
// `Spectre(...)` command queue, and loads the chat panel (Preact, Socket.IO) only when the visitor
// opens it — or in idle time for a returning visitor, so that replies raise the unread badge.
import { apiFetch, ApiError } from '@shared/api/client';
import { visitorStorage, type PanelApi, type PanelModule, type WidgetEvent, type WidgetHost } from './host';
import { createLauncher } from './launcher';
import { stringsFor } from './strings';
import { titleBlinker } from './title-blink';

interface Settings {
  projectKey?: string;
  locale?: string;
  position?: 'right' | 'left';
  open?: boolean;
  sound?: boolean;
}
type Command = [string, ...unknown[]];
type SpectreFn = ((...args: unknown[]) => void) & { q?: ArrayLike<unknown>[] };

const w = window as unknown as { Spectre?: SpectreFn; spectreSettings?: Settings };
const script = (document.currentScript ??
  document.querySelector('script[src*="/widget.js"]')) as HTMLScriptElement | null;
const base = script ? new URL('.', script.src).href : `${location.origin}/`;
const settings: Settings = { ...w.spectreSettings };
const projectKey = settings.projectKey ?? script?.dataset.projectKey;

function start(key: string): void {
  const { lang, t } = stringsFor(settings.locale ?? script?.dataset.locale);
  const storage = visitorStorage(key);
  const listeners = new Map<WidgetEvent, ((payload: unknown) => void)[]>();
  const emit = (event: WidgetEvent, payload?: unknown) => {
    for (const fn of listeners.get(event) ?? []) {
      try {
        fn(payload);
      } catch (err) {
        console.error(err);
      }
    }
  };
  let open = false;
  let panel: Promise<PanelApi> | undefined;
  const blink = titleBlinker(() => t.newMessageTitle);

  const launcher = createLauncher(t, settings.position ?? 'right', () => (open ? close() : show()));
  const host: WidgetHost = {
    base,
    projectKey: key,
    lang,
    t,
    sound: settings.sound === true,
    root: launcher.root,
    panel: launcher.panel,
    storage,
    isOpen: () => open,
    close: () => close(),
    setUnread(count) {
      launcher.setUnread(count);
      blink(open ? 0 : count);
      emit('unread', count);
    },
    setColor: (color) => launcher.setColor(color),
    emit,
  };

  const loadPanel = (): Promise<PanelApi> =>
    (panel ??= import(/* @vite-ignore */ `${base}${__SPECTRE_PANEL__}`).then((m: PanelModule) =>
      m.mount(host),
    ));
  function show(): void {
    if (open) return;
    open = true;
    launcher.setOpen(true);
    blink(0);
    void loadPanel().then((p) => p.opened());
    emit('open');
  }
  function close(): void {
    if (!open) return;
    open = false;
    launcher.setOpen(false);
    launcher.button.focus();
    emit('close');
  }

  const commands: Record<string, (arg: unknown, fn?: unknown) => void> = {
    open: show,
    close,
    toggle: () => (open ? close() : show()),
    on(event, fn) {
      if (typeof fn !== 'function') return;
      const list = listeners.get(event as WidgetEvent) ?? [];
      listeners.set(event as WidgetEvent, [...list, fn as (p: unknown) => void]);
    },
    identify: (arg) => void loadPanel().then((p) => p.command('identify', arg)),
    update: (arg) => void loadPanel().then((p) => p.command('update', arg)),
    shutdown() {
      close();
      storage.forget();
      launcher.setUnread(0);
      void panel?.then((p) => p.shutdown());
      panel = undefined;
    },
  };
  const run = ([name, arg, fn]: Command) => {
    const command = commands[name];
    if (command) command(arg, fn);
    else console.warn(`Spectre: unknown command "${name}"`);
  };
  const queued = w.Spectre?.q ?? [];
  const api: SpectreFn = (...args) => run(args as Command);
  w.Spectre = api;
  for (const args of Array.from(queued)) run(Array.from(args) as Command);

  // The colour and name, before anything is opened; the panel explains failures in words.
  void apiFetch<{ color: string | null }>(`${base}api/v1/widget/config`, {
    headers: {
      'x-project-key': key,
      ...(storage.read().token ? { 'x-visitor-token': storage.read().token! } : {}),
    },
  })
    .then(({ data }) => launcher.setColor(data.color))
    .catch((err: ApiError) =>
      console.warn(`Spectre: the widget could not start (${err.code}): ${err.message}`),
    )
    .finally(() => emit('ready'));
  if (storage.read().token) {
    const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1500));
    idle(() => void loadPanel());
  }
  if (settings.open) show();
}

if (!projectKey)
  console.warn('Spectre: no project key (data-project-key on the script tag, or spectreSettings.projectKey)');
else if (document.body) start(projectKey);
else addEventListener('DOMContentLoaded', () => start(projectKey));
