import { useI18n } from '../i18n/I18nProvider';

/** Shown for any path the app does not know. */
export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="not-found">
      <h1>{t('notFound.heading')}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <a href="/">{t('notFound.back')}</a>
      </p>
    </div>
  );
}
