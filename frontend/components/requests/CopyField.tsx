import { useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';

/** A read-only value (e.g. the secret status link) with a copy button that says when it copied. */
export function CopyField({ id, label, hint, value }: { id: string; label: string; hint?: string; value: string }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // No clipboard permission (e.g. plain http): select the text so Ctrl+C works.
      input.current?.select();
      setCopied('select');
    }
  };
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <div className="copy-row">
        <input
          id={id}
          ref={input}
          type="text"
          readOnly
          value={value}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="button-secondary" onClick={() => void copy()}>
          {t('req.copy')}
        </button>
      </div>
      <span role="status" className="form-hint">
        {copied === 'yes' ? t('req.copied') : copied === 'select' ? t('req.copySelect') : ''}
      </span>
    </div>
  );
}
