import { useState } from 'preact/hooks';
import { navigate } from '../router';
import { signOut } from './session';

/** "Sign out": ends the session here and in the browser's other tabs. */
export function SignOutButton({ class: className = 'btn' }: { class?: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      class={className}
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await signOut();
        navigate('/app/signin', { replace: true });
      }}
    >
      Sign out
    </button>
  );
}
