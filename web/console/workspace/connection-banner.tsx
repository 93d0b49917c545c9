import { liveSocket } from './live';

/** Shown while the realtime socket is down; it reconnects and resyncs by itself. */
export function ConnectionBanner() {
  const state = liveSocket.value?.state.value;
  if (state !== 'disconnected') return null;
  return (
    <div class="ws-banner" role="status">
      Disconnected — reconnecting. Nothing is lost: messages resync when the connection is back.
      <button class="btn" type="button" onClick={() => liveSocket.value?.resync()}>
        Retry now
      </button>
    </div>
  );
}
