import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '../../../shared/api/auth';
import { acceptInvitation, requestPasswordReset, resetPassword } from '../../api/accounts';
import { FormError, useErrorText } from '../../components/accounts/FormError';
import { useI18n } from '../../i18n/I18nProvider';

/** Asks for a reset link by email; always answers the same, whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await requestPasswordReset(email);
      setSent(true);
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <div className="acc-page">
      <h1>{t('auth.forgotHeading')}</h1>
      {sent ? (
        <p role="status">{t('auth.forgotSent')}</p>
      ) : (
        <form className="acc-form" onSubmit={(e) => void submit(e)} noValidate>
          <p>{t('auth.forgotIntro')}</p>
          <FormError message={error} />
          <div className="acc-field">
            <label htmlFor="forgot-email">{t('auth.email')}</label>
            <input
              id="forgot-email"
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <button type="submit" className="acc-button">
            {t('auth.forgotSubmit')}
          </button>
        </form>
      )}
    </div>
  );
}

/** New password twice, checked here for length and equality before the server checks it again. */
function NewPasswordFields({
  password,
  repeat,
  onPassword,
  onRepeat,
}: {
  password: string;
  repeat: string;
  onPassword(v: string): void;
  onRepeat(v: string): void;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="acc-field">
        <label htmlFor="new-password">{t('auth.newPassword')}</label>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          aria-describedby="new-password-hint"
          value={password}
          onChange={(e) => onPassword(e.target.value)}
        />
        <p id="new-password-hint" className="acc-hint">
          {t('auth.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        </p>
      </div>
      <div className="acc-field">
        <label htmlFor="repeat-password">{t('auth.repeatPassword')}</label>
        <input
          id="repeat-password"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(e) => onRepeat(e.target.value)}
        />
      </div>
    </>
  );
}

function usePasswordCheck() {
  const { t } = useI18n();
  return (password: string, repeat: string): string | null => {
    if (password.length < PASSWORD_MIN_LENGTH) return t('auth.passwordHint', { min: PASSWORD_MIN_LENGTH });
    if (password !== repeat) return t('auth.passwordsDiffer');
    return null;
  };
}

/** Chooses a new password with the emailed link. */
export function ResetPasswordPage({ token }: { token: string }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const check = usePasswordCheck();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problem = check(password, repeat);
    if (problem) return setError(problem);
    setError(null);
    try {
      await resetPassword(token, password);
      setDone(true);
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <div className="acc-page">
      <h1>{t('auth.resetHeading')}</h1>
      {done ? (
        <p role="status">
          {t('auth.resetDone')} <a href="/inloggen">{t('auth.login')}</a>
        </p>
      ) : (
        <form className="acc-form" onSubmit={(e) => void submit(e)} noValidate>
          <FormError message={error} />
          <NewPasswordFields password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} />
          <button type="submit" className="acc-button">
            {t('auth.resetSubmit')}
          </button>
        </form>
      )}
    </div>
  );
}

/** Accepts an invitation: name and password, then on to the login page. */
export function AcceptInvitationPage({ token }: { token: string }) {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const check = usePasswordCheck();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [email, setEmail] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problem = name.trim() ? check(password, repeat) : t('auth.nameRequired');
    if (problem) return setError(problem);
    setError(null);
    try {
      const user = await acceptInvitation(token, { name: name.trim(), password, language: lang });
      setEmail(user.email);
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <div className="acc-page">
      <h1>{t('auth.acceptHeading')}</h1>
      {email ? (
        <p role="status">
          {t('auth.acceptDone', { email })} <a href="/inloggen">{t('auth.login')}</a>
        </p>
      ) : (
        <form className="acc-form" onSubmit={(e) => void submit(e)} noValidate>
          <p>{t('auth.acceptIntro')}</p>
          <FormError message={error} />
          <div className="acc-field">
            <label htmlFor="accept-name">{t('auth.name')}</label>
            <input
              id="accept-name"
              type="text"
              autoComplete="name"
              required
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <NewPasswordFields password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} />
          <button type="submit" className="acc-button">
            {t('auth.acceptSubmit')}
          </button>
        </form>
      )}
    </div>
  );
}
