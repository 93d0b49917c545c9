import { useState } from 'preact/hooks';
import { navigate } from '../router';
import { AuthLayout } from './auth-screen';
import { formErrors, type FormErrors } from './error-messages';
import { Field } from './field';
import { requestPasswordReset, resetPassword } from './password-reset';

const NO_ERRORS: FormErrors = { fields: {} };

function BackToSignIn({ label = 'Back to sign in' }: { label?: string }) {
  return (
    <p class="form-switch">
      <a
        href="/app/signin"
        onClick={(e) => {
          e.preventDefault();
          navigate('/app/signin');
        }}
      >
        {label}
      </a>
    </p>
  );
}

/** Runs a form's submit with busy state and server errors (focusing the first refused field). */
function useSubmit(action: (form: FormData) => Promise<void>) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await action(new FormData(formElement));
    } catch (err) {
      setErrors(formErrors(err));
      requestAnimationFrame(() => formElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    } finally {
      setBusy(false);
    }
  }
  return { errors, busy, onSubmit };
}

function FormError({ errors }: { errors: FormErrors }) {
  return errors.form ? (
    <p class="form-error" role="alert">
      {errors.form}
    </p>
  ) : null;
}

/** /app/forgot-password: mails a reset link (the answer is the same whether the account exists). */
export function ForgotPasswordPage() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { errors, busy, onSubmit } = useSubmit(async (form) => {
    const email = String(form.get('email') ?? '');
    await requestPasswordReset(email);
    setSentTo(email);
  });
  if (sentTo) {
    return (
      <AuthLayout title="Check your email">
        <p class="lead" role="status">
          If an account uses <strong>{sentTo}</strong>, we sent it a link to choose a new password. The link
          works once, for one hour.
        </p>
        <BackToSignIn />
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Reset your password">
      <form class="form" onSubmit={onSubmit} aria-busy={busy}>
        <p class="lead">Enter the email address of your account and we will mail you a reset link.</p>
        <Field
          id="forgot-email"
          name="email"
          type="email"
          label="Email"
          autocomplete="email"
          required
          maxLength={254}
          error={errors.fields.email}
        />
        <FormError errors={errors} />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          Send reset link
        </button>
        <BackToSignIn />
      </form>
    </AuthLayout>
  );
}

/** /app/reset-password/<token>: a new password, then sign in with it. */
export function ResetPasswordPage({ token }: { token: string }) {
  const [done, setDone] = useState(false);
  const { errors, busy, onSubmit } = useSubmit(async (form) => {
    await resetPassword(token, String(form.get('password') ?? ''));
    setDone(true);
  });
  if (done) {
    return (
      <AuthLayout title="Password changed">
        <p class="lead" role="status">
          Your password was changed and every session was signed out. Sign in with the new password.
        </p>
        <BackToSignIn label="Sign in" />
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Choose a new password">
      <form class="form" onSubmit={onSubmit} aria-busy={busy}>
        <Field
          id="reset-password"
          name="password"
          type="password"
          label="New password"
          autocomplete="new-password"
          required
          minLength={10}
          maxLength={200}
          hint="At least 10 characters."
          error={errors.fields.password}
        />
        <FormError errors={errors} />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          Set new password
        </button>
        <BackToSignIn />
      </form>
    </AuthLayout>
  );
}
