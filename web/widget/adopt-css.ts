/** Adds a stylesheet without a <style> element, so a strict style-src CSP does not block it. */
export function adoptCss(root: ShadowRoot, text: string): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
