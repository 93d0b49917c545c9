// Tells the agent about new conversations and replies while the tab is hidden: a desktop
// notification (once allowed), a short tone, and a count in the title until the tab is shown.
import { signal } from '@preact/signals';
import { conversationPath, navigate } from './router';

const supported = typeof Notification !== 'undefined';
export const notificationPermission = signal<NotificationPermission>(
  supported ? Notification.permission : 'denied',
);
const BASE_TITLE = document.title;
let unseen = 0;
let audio: AudioContext | undefined;

export async function enableNotifications(): Promise<void> {
  if (!supported) return;
  notificationPermission.value = await Notification.requestPermission();
  // A user gesture is the moment an AudioContext may start.
  audio ??= new AudioContext();
}

function tone(): void {
  if (!audio || audio.state !== 'running') return;
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.frequency.value = 880;
  gain.gain.setValueAtTime(0.15, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
  osc.connect(gain).connect(audio.destination);
  osc.start();
  osc.stop(audio.currentTime + 0.4);
}

export function alertAgent(title: string, body: string, conversationId: string): void {
  if (document.visibilityState === 'visible') return;
  unseen += 1;
  document.title = `(${unseen}) ${BASE_TITLE}`;
  tone();
  if (notificationPermission.value !== 'granted') return;
  const n = new Notification(title, { body, tag: conversationId });
  n.onclick = () => {
    focus();
    navigate(conversationPath(conversationId));
    n.close();
  };
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible') return;
  unseen = 0;
  document.title = BASE_TITLE;
});
