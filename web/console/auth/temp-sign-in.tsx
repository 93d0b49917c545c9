// TEMPORARY (branch wt-console-ui): the smallest sign-in form, with the labels the real one has
// ("Email", "Password", "Sign in"), so browser tests work with either. Dropped at merge.
import { useState } from 'preact/hooks';
import { signIn } from './session';

export function TempSignIn() {
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    try {
      await signIn(String(form.get('email')), String(form.get('password')));
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Sign-in failed');
    }
  };
  return (
    <main class="auth-page">
      <form class="card auth-card" onSubmit={submit}>
        <h1>Sign in</h1>
        <label class="field">
          Email <input class="input" name="email" type="email" autocomplete="username" required />
        </label>
        <label class="field">
          Password <input class="input" name="password" type="password" autocomplete="current-password" required />
        </label>
        {error && <p role="alert">{error}</p>}
        <button class="btn btn-primary" type="submit">
          Sign in
        </button>
      </form>
    </main>
  );
}
