// The chat panel, loaded by /widget.js on demand: renders into the widget's shadow root.
import { render } from 'preact';
import type { PanelApi, WidgetHost } from './host';
import { adoptCss } from './adopt-css';
import { App } from './panel/app';
import { createChat } from './panel/chat';
import css from './panel/panel.css?inline';
import csatCss from './panel/csat.css?inline';
import type { VisitorProfile } from './panel/widget-api';

export function mount(host: WidgetHost): PanelApi {
  adoptCss(host.root, css);
  adoptCss(host.root, csatCss);
  const chat = createChat(host);
  render(<App chat={chat} host={host} />, host.panel);
  void chat.start();
  const focusComposer = () =>
    requestAnimationFrame(() => host.root.querySelector<HTMLTextAreaElement>('textarea')?.focus());
  return {
    opened() {
      chat.opened();
      focusComposer();
    },
    command(name, arg) {
      if (name === 'identify') void chat.identify(arg as VisitorProfile);
      if (name === 'update') void chat.update(arg as VisitorProfile);
    },
    shutdown() {
      chat.shutdown();
      render(null, host.panel);
    },
  };
}
