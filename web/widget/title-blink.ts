// Blinks the page title while replies are unread and the visitor looks elsewhere.
export function titleBlinker(text: () => string): (unread: number) => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  let original = '';
  const stop = () => {
    if (timer === undefined) return;
    clearInterval(timer);
    timer = undefined;
    document.title = original;
  };
  addEventListener('focus', stop);
  return (unread) => {
    if (unread === 0 || document.hasFocus()) return stop();
    if (timer !== undefined) return;
    original = document.title;
    let on = false;
    timer = setInterval(() => {
      on = !on;
      document.title = on ? `(${unread}) ${text()}` : original;
    }, 1000);
  };
}
