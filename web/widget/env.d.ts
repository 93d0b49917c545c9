declare module '*.css?inline' {
  const css: string;
  export default css;
}
declare const __SPECTRE_PANEL__: string;
