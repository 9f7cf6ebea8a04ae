import { useCallback } from 'react';
import { getOutboxMessage, listOutbox } from '../../api/accounts';
import { LoadError } from '../../components/LoadError';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { AdminGate } from './AdminGate';

function formatTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));
}

/** Admin: "Verzonden berichten", every email the app sent or queued, newest first. */
export function OutboxPage() {
  const { t, lang } = useI18n();
  const messages = useResource(listOutbox);
  return (
    <AdminGate>
      {() => (
        <div className="acc-page acc-wide">
          <h1>{t('outbox.heading')}</h1>
          <p>{t('outbox.intro')}</p>
          {messages.status === 'loading' && <p role="status">{t('auth.loading')}</p>}
          {messages.status === 'error' && <LoadError error={messages.error} onRetry={messages.reload} />}
          {messages.status === 'ready' &&
            (messages.data.items.length === 0 ? (
              <p>{t('outbox.empty')}</p>
            ) : (
              <div className="acc-table-wrap">
                <table className="acc-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('outbox.when')}</th>
                      <th scope="col">{t('outbox.to')}</th>
                      <th scope="col">{t('outbox.subject')}</th>
                      <th scope="col">{t('outbox.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {messages.data.items.map((m) => (
                      <tr key={m.id}>
                        <td>{formatTime(m.createdAt, lang)}</td>
                        <td>{m.to}</td>
                        <td>
                          <a href={`/beheer/berichten/${m.id}`}>{m.subject}</a>
                        </td>
                        <td>{t(`outbox.status.${m.status}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
        </div>
      )}
    </AdminGate>
  );
}

/** Admin: one email of the outbox, as plain text. */
export function OutboxMessagePage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const load = useCallback((signal: AbortSignal) => getOutboxMessage(id, signal), [id]);
  const msg = useResource(load);
  return (
    <AdminGate>
      {() => (
        <div className="acc-page acc-wide">
          <p>
            <a href="/beheer/berichten">{t('outbox.back')}</a>
          </p>
          {msg.status === 'loading' && <p role="status">{t('auth.loading')}</p>}
          {msg.status === 'error' && <LoadError error={msg.error} onRetry={msg.reload} />}
          {msg.status === 'ready' && (
            <article className="acc-message">
              <h1>{msg.data.subject}</h1>
              <dl>
                <dt>{t('outbox.to')}</dt>
                <dd>{msg.data.to}</dd>
                <dt>{t('outbox.when')}</dt>
                <dd>{formatTime(msg.data.createdAt, lang)}</dd>
                <dt>{t('outbox.status')}</dt>
                <dd>
                  {t(`outbox.status.${msg.data.status}`)}
                  {msg.data.lastError ? ` — ${msg.data.lastError}` : ''}
                </dd>
              </dl>
              <pre className="acc-mailtext">{msg.data.text}</pre>
            </article>
          )}
        </div>
      )}
    </AdminGate>
  );
}
