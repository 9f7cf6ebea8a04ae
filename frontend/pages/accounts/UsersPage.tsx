import { useState, type FormEvent } from 'react';
import { ROLES, type Role, type UserDto } from '../../../shared/api/auth';
import { inviteUser, listUsers, updateUser } from '../../api/accounts';
import { FormError, useErrorText } from '../../components/accounts/FormError';
import { LoadError } from '../../components/LoadError';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { AdminGate } from './AdminGate';

function InviteForm({ onInvited }: { onInvited(user: UserDto): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('crew');
  const [schools, setSchools] = useState('');
  const [language, setLanguage] = useState<'nl' | 'en'>('nl');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setNotice(null);
    try {
      const schoolIds = role === 'school' ? schools.split(/[\s,]+/).filter(Boolean) : [];
      const user = await inviteUser({
        email,
        role,
        language,
        schoolIds,
        ...(name.trim() ? { name: name.trim() } : {}),
      });
      setNotice(t('users.invited', { email: user.email }));
      setEmail('');
      setName('');
      setSchools('');
      onInvited(user);
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <form className="acc-form acc-invite" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('users.invite')}</h2>
      <FormError message={error} />
      {notice && (
        <p role="status" className="acc-notice">
          {notice}
        </p>
      )}
      <div className="acc-field">
        <label htmlFor="invite-email">{t('auth.email')}</label>
        <input id="invite-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className="acc-field">
        <label htmlFor="invite-name">
          {t('auth.name')} <span className="acc-hint">({t('users.optional')})</span>
        </label>
        <input id="invite-name" type="text" value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="acc-field">
        <label htmlFor="invite-role">{t('users.role')}</label>
        <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </div>
      {role === 'school' && (
        <div className="acc-field">
          <label htmlFor="invite-schools">{t('users.schools')}</label>
          <input
            id="invite-schools"
            type="text"
            aria-describedby="invite-schools-hint"
            value={schools}
            onChange={(e) => setSchools(e.target.value)}
          />
          <p id="invite-schools-hint" className="acc-hint">
            {t('users.schoolsHint')}
          </p>
        </div>
      )}
      <div className="acc-field">
        <label htmlFor="invite-language">{t('users.language')}</label>
        <select id="invite-language" value={language} onChange={(e) => setLanguage(e.target.value as 'nl' | 'en')}>
          <option value="nl">Nederlands</option>
          <option value="en">English</option>
        </select>
      </div>
      <button type="submit" className="acc-button">
        {t('users.sendInvite')}
      </button>
    </form>
  );
}

function UserRow({ user, me, onChanged }: { user: UserDto; me: UserDto; onChanged(): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const change = async (input: Parameters<typeof updateUser>[1]) => {
    setError(null);
    try {
      await updateUser(user.id, input);
      onChanged();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const label = user.name ?? user.email;
  return (
    <tr>
      <td>{user.name ?? '—'}</td>
      <td>{user.email}</td>
      <td>
        <label className="visually-hidden" htmlFor={`role-${user.id}`}>
          {t('users.roleOf', { name: label })}
        </label>
        <select
          id={`role-${user.id}`}
          value={user.role}
          disabled={user.role === 'school' || user.id === me.id}
          onChange={(e) => void change({ role: e.target.value as Role })}
        >
          {ROLES.filter((r) => r !== 'school' || user.role === 'school').map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
        {user.schoolIds.length > 0 && <span className="acc-hint"> {user.schoolIds.join(', ')}</span>}
      </td>
      <td>{t(`userStatus.${user.status}`)}</td>
      <td>
        {user.status === 'active' && user.id !== me.id && (
          <button type="button" className="acc-button-secondary" onClick={() => void change({ status: 'deactivated' })}>
            {t('users.deactivate')} <span className="visually-hidden">{label}</span>
          </button>
        )}
        {user.status === 'deactivated' && (
          <button type="button" className="acc-button-secondary" onClick={() => void change({ status: 'active' })}>
            {t('users.reactivate')} <span className="visually-hidden">{label}</span>
          </button>
        )}
        <FormError message={error} />
      </td>
    </tr>
  );
}

/** Admin: every user with role and status, and the invitation form. */
export function UsersPage() {
  const { t } = useI18n();
  const users = useResource(listUsers);
  return (
    <AdminGate>
      {(me) => (
        <div className="acc-page acc-wide">
          <h1>{t('users.heading')}</h1>
          <InviteForm onInvited={users.reload} />
          <h2>{t('users.list')}</h2>
          {users.status === 'loading' && <p role="status">{t('auth.loading')}</p>}
          {users.status === 'error' && <LoadError error={users.error} onRetry={users.reload} />}
          {users.status === 'ready' && (
            <div className="acc-table-wrap">
              <table className="acc-table">
                <thead>
                  <tr>
                    <th scope="col">{t('auth.name')}</th>
                    <th scope="col">{t('auth.email')}</th>
                    <th scope="col">{t('users.role')}</th>
                    <th scope="col">{t('users.status')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('users.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {users.data.items.map((u) => (
                    <UserRow key={u.id} user={u} me={me} onChanged={users.reload} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </AdminGate>
  );
}
