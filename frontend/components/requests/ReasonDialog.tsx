import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';

export interface ReasonDialogProps {
  open: boolean;
  title: string;
  text?: string;
  label: string;
  isRequired: boolean;
  confirmLabel: string;
  /** The button that closes without acting (default "Annuleren"); say "Nee, terug" when the action itself is a cancellation. */
  cancelLabel?: string;
  error?: string | null;
  isBusy?: boolean;
  onConfirm(reason: string): void;
  onClose(): void;
}

const MIN_REASON = 3;

/** A modal dialog (native <dialog>: focus is trapped and Escape closes) asking for a reason before an action. */
export function ReasonDialog({
  open,
  title,
  text,
  label,
  isRequired,
  confirmLabel,
  cancelLabel,
  error,
  isBusy,
  onConfirm,
  onClose,
}: ReasonDialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setReason('');
      setTooShort(false);
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = reason.trim();
    if ((isRequired || trimmed.length > 0) && trimmed.length < MIN_REASON) {
      setTooShort(true);
      return;
    }
    onConfirm(trimmed);
  };
  const message = tooShort ? t('dialog.reasonTooShort', { min: MIN_REASON }) : (error ?? null);

  return (
    <dialog ref={ref} className="reason-dialog" aria-labelledby="reason-dialog-title" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id="reason-dialog-title">{title}</h2>
        {text ? <p>{text}</p> : null}
        <div className={`form-field${message ? ' has-error' : ''}`}>
          <label htmlFor="reason-dialog-reason">
            {label}
            {isRequired ? (
              <span className="form-required"> ({t('req.required')})</span>
            ) : (
              <span className="form-required"> ({t('dialog.optional')})</span>
            )}
          </label>
          <textarea
            id="reason-dialog-reason"
            rows={3}
            maxLength={500}
            value={reason}
            required={isRequired}
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? 'reason-dialog-error' : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          {message ? (
            <span className="form-error" id="reason-dialog-error" role="alert">
              {message}
            </span>
          ) : null}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onClose}>
            {cancelLabel ?? t('dialog.cancel')}
          </button>
          <button type="submit" className="button-danger" disabled={isBusy}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
