import { useEffect, useRef } from 'react';
import { ApiError } from '../../api/http';
import { useI18n } from '../../i18n/I18nProvider';

/** The message for a failed account action: our own text for known codes, the API's (Dutch) text otherwise. */
export function useErrorText(): (err: unknown) => string {
  const { t } = useI18n();
  return (err) => {
    if (err instanceof ApiError) {
      if (err.code === 'unauthenticated') return t('auth.error.wrongLogin');
      if (err.code === 'rate_limited') return t('auth.error.rateLimited');
      if (err.code === 'not_found') return t('auth.error.linkGone');
      if (err.code === 'csrf_failed') return t('auth.error.csrf');
      if (err.code === 'network_error') return t('auth.error.network');
      if (err.code === 'conflict') return t('auth.error.conflict');
      return err.message;
    }
    return err instanceof Error ? err.message : String(err);
  };
}

/** An error box that takes focus when it appears, so screen readers and keyboard users notice it. */
export function FormError({ message }: { message: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div ref={ref} className="acc-error" role="alert" tabIndex={-1}>
      {message}
    </div>
  );
}
