// Blinks the page title while replies are unread and the chat is closed.
export function titleBlinker(text: () => string): (unread: number) => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  let original = '';
  let count = 0;
  const stop = () => {
    if (timer === undefined) return;
    clearInterval(timer);
    timer = undefined;
    document.title = original;
  };
  return (unread) => {
    if (unread === 0) return stop();
    count = unread;
    if (timer !== undefined) return;
    original = document.title;
    let on = false;
    const flip = () => {
      on = !on;
      document.title = on ? `(${count}) ${text()}` : original;
    };
    flip();
    timer = setInterval(flip, 1000);
  };
}
