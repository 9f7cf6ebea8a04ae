import type { ReactNode } from 'react';

/** The id of a field's error message, for aria-describedby. */
export const errorIdOf = (id: string) => `${id}-error`;

export interface FormFieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  requiredText?: string;
  /** The control; give it `id`, and `aria-describedby={describedBy}` from the render function. */
  children(props: {
    id: string;
    'aria-describedby': string | undefined;
    'aria-invalid': boolean | undefined;
  }): ReactNode;
}

/** A labelled field with an optional hint and an error message next to it, wired for screen readers. */
export function FormField({ id, label, hint, error, required, requiredText, children }: FormFieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? errorIdOf(id) : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && requiredText ? <span className="form-required"> ({requiredText})</span> : null}
      </label>
      {hint ? (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {error ? (
        <span className="form-error" id={errorIdOf(id)}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** An error message under a fieldset (a group of checkboxes). */
export function GroupError({ id, error }: { id: string; error?: string | undefined }) {
  if (!error) return null;
  return (
    <p className="form-error" id={errorIdOf(id)}>
      {error}
    </p>
  );
}
