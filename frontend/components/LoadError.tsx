import { ApiError } from '../api';
import { useI18n } from '../i18n/I18nProvider';

/** An alert that data could not be loaded, with the API's message and a retry button. */
export function LoadError({ error, onRetry }: { error: Error; onRetry(): void }) {
  const { t } = useI18n();
  const detail = error instanceof ApiError ? `${error.message} (${error.code})` : error.message;
  return (
    <div className="load-error" role="alert">
      <p>
        <strong>{t('home.error')}</strong> {detail}
      </p>
      <button type="button" className="button-secondary" onClick={onRetry}>
        {t('home.retry')}
      </button>
    </div>
  );
}
