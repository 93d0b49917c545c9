// The widget's loader: /widget.js, a classic script on the customer's page. Placeholder until the
// widget lands: it resolves the server's base URL from its own src and loads the panel module.
declare const __SPECTRE_PANEL__: string;

const script = document.currentScript as HTMLScriptElement | null;
const base = script ? new URL('.', script.src).href : `${location.origin}/`;

void import(/* @vite-ignore */ `${base}${__SPECTRE_PANEL__}`).then((panel: { mount(base: string): void }) =>
  panel.mount(base),
);
