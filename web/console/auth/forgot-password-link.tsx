import { navigate } from '../router';

/** Under the sign-in password field. */
export function ForgotPasswordLink() {
  return (
    <p class="form-aside">
      <a
        href="/app/forgot-password"
        onClick={(e) => {
          e.preventDefault();
          navigate('/app/forgot-password');
        }}
      >
        Forgot password?
      </a>
    </p>
  );
}
