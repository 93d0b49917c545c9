import { useState } from 'preact/hooks';
import { formErrors, type FormErrors } from './error-messages';
import { Field } from './field';
import { ForgotPasswordLink } from './forgot-password-link';
import { signIn, signUp } from './session';

export type AuthMode = 'sign-in' | 'sign-up';

interface AuthFormProps {
  mode: AuthMode;
  onModeChange(mode: AuthMode): void;
  /** Called once signed in. */
  onDone?(): void;
  /** Sign-up from an invitation link: the account joins the inviting team. */
  invitationToken?: string;
}

const NO_ERRORS: FormErrors = { fields: {} };

/** Sign in or create an account: the fields "Name" (sign-up), "Email" and "Password". */
export function AuthForm({ mode, onModeChange, onDone, invitationToken }: AuthFormProps) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const signingUp = mode === 'sign-up';

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const value = (name: string) => String(form.get(name) ?? '');
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      if (signingUp) await signUp(value('name'), value('email'), value('password'), invitationToken);
      else await signIn(value('email'), value('password'));
      onDone?.();
    } catch (err) {
      setErrors(formErrors(err));
      setBusy(false);
      // The first field the server refused gets the focus (its message is read with it).
      requestAnimationFrame(() => formElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    }
  }

  const switchTo = (next: AuthMode) => (event: Event) => {
    event.preventDefault();
    setErrors(NO_ERRORS);
    onModeChange(next);
  };

  return (
    <form class="form" onSubmit={submit} aria-busy={busy}>
      {signingUp && (
        <Field
          id="auth-name"
          name="name"
          label="Name"
          autocomplete="name"
          required
          maxLength={100}
          error={errors.fields.name}
        />
      )}
      <Field
        id="auth-email"
        name="email"
        type="email"
        label="Email"
        autocomplete="email"
        required
        maxLength={254}
        error={errors.fields.email}
      />
      <Field
        id="auth-password"
        name="password"
        type="password"
        label="Password"
        autocomplete={signingUp ? 'new-password' : 'current-password'}
        required
        minLength={signingUp ? 10 : undefined}
        maxLength={200}
        hint={signingUp ? 'At least 10 characters.' : undefined}
        error={errors.fields.password}
      />
      {!signingUp && <ForgotPasswordLink />}
      {errors.form && (
        <p class="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
        {signingUp ? 'Create account' : 'Sign in'}
      </button>
      <p class="form-switch">
        {signingUp ? 'Already have an account? ' : 'New to Spectre? '}
        <a
          href={signingUp ? '/app/signin' : '/app/signup'}
          onClick={switchTo(signingUp ? 'sign-in' : 'sign-up')}
        >
          {signingUp ? 'Sign in' : 'Create an account'}
        </a>
      </p>
    </form>
  );
}
