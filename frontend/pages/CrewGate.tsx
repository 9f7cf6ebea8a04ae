import { useEffect, useState, type ReactNode } from 'react';
import type { Role } from '../../shared/api/auth';
import type { UserDto } from '../../shared/api/auth';
import { readSession } from '../api/plans';
import { LoadError } from '../components/LoadError';
import { useI18n } from '../i18n/I18nProvider';

/** The login page's path; `?next=` brings the user back here afterwards. */
export const LOGIN_PATH = '/inloggen';

type Gate = { state: 'loading' } | { state: 'error'; error: Error } | { state: 'ready'; user: UserDto | null };

/**
 * Shows `children(user)` only to a logged-in user of one of `roles`; anyone else gets a link to the login page
 * (or a "not for your role" note). Used by the crew's and coordinators' pages.
 */
export function CrewGate({ roles, children }: { roles: readonly Role[]; children(user: UserDto): ReactNode }) {
  const { t } = useI18n();
  const [gate, setGate] = useState<Gate>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    readSession(controller.signal).then(
      ({ user }) => setGate({ state: 'ready', user }),
      (error: unknown) => {
        if (!controller.signal.aborted)
          setGate({ state: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  if (gate.state === 'loading')
    return (
      <p className="page" role="status">
        {t('common.loading')}
      </p>
    );
  if (gate.state === 'error')
    return (
      <div className="page">
        <LoadError error={gate.error} onRetry={() => setAttempt((n) => n + 1)} />
      </div>
    );
  if (!gate.user) {
    const next = encodeURIComponent(window.location.pathname + window.location.search);
    return (
      <div className="page narrow">
        <h1>{t('gate.heading')}</h1>
        <p>{t('gate.text')}</p>
        <p>
          <a className="button-primary" href={`${LOGIN_PATH}?next=${next}`}>
            {t('gate.login')}
          </a>
        </p>
      </div>
    );
  }
  if (!roles.includes(gate.user.role)) {
    return (
      <div className="page narrow">
        <h1>{t('gate.forbiddenHeading')}</h1>
        <p>{t('gate.forbidden')}</p>
      </div>
    );
  }
  return children(gate.user);
}
