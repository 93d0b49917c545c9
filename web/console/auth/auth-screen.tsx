import type { ComponentChildren } from 'preact';
import { navigate, path } from '../router';
import { AuthForm, type AuthMode } from './auth-form';

/** The page around the signed-out screens: the product's name and one card. */
export function AuthLayout({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <main class="auth-layout">
      <div class="auth-brand" aria-hidden="true">
        <span class="brand-mark">S</span> Spectre
      </div>
      <section class="card auth-card" aria-labelledby="auth-title">
        <h1 id="auth-title">{title}</h1>
        {children}
      </section>
    </main>
  );
}

/** Sign in at /app (and /app/signin), create an account at /app/signup. */
export function AuthScreen() {
  const mode: AuthMode = path.value === '/app/signup' ? 'sign-up' : 'sign-in';
  return (
    <AuthLayout title={mode === 'sign-up' ? 'Create your account' : 'Sign in to Spectre'}>
      <AuthForm
        mode={mode}
        onModeChange={(next) => navigate(next === 'sign-up' ? '/app/signup' : '/app/signin')}
        onDone={() => navigate('/app', { replace: true })}
      />
    </AuthLayout>
  );
}
