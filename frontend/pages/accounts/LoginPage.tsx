import { useState, type FormEvent } from 'react';
import { logIn } from '../../api/accounts';
import { FormError, useErrorText } from '../../components/accounts/FormError';
import { useSession } from '../../components/accounts/SessionProvider';
import { useI18n } from '../../i18n/I18nProvider';

/** Only paths on this site may follow a login (no open redirect). */
function safeNext(): string {
  const next = new URLSearchParams(window.location.search).get('next');
  return next && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/';
}

/** Email and password; on a wrong password the email stays and a clear error is announced. */
export function LoginPage() {
  const { t } = useI18n();
  const { setUser } = useSession();
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { user } = await logIn(email, password);
      setUser(user);
      window.location.assign(safeNext());
    } catch (err) {
      setError(errorText(err));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <div className="acc-page">
      <h1>{t('auth.loginHeading')}</h1>
      <form className="acc-form" onSubmit={(e) => void submit(e)} noValidate>
        <FormError message={error} />
        <div className="acc-field">
          <label htmlFor="login-email">{t('auth.email')}</label>
          <input
            id="login-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="acc-field">
          <label htmlFor="login-password">{t('auth.password')}</label>
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="acc-button" disabled={busy}>
          {t('auth.login')}
        </button>
        <p>
          <a href="/wachtwoord-vergeten">{t('auth.forgot')}</a>
        </p>
      </form>
    </div>
  );
}
