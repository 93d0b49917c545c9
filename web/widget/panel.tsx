import { render } from 'preact';

/** Placeholder panel: mounts an empty shadow root host. */
export function mount(_base: string): void {
  const host = document.createElement('div');
  host.id = 'spectre-widget';
  document.body.append(host);
  render(<div />, host.attachShadow({ mode: 'open' }));
}
