import type { ReactElement } from 'react';
import '../../components/accounts/accounts.css';
import { LoginPage } from './LoginPage';
import { OutboxMessagePage, OutboxPage } from './OutboxPage';
import { AcceptInvitationPage, ForgotPasswordPage, ResetPasswordPage } from './PasswordPages';
import { UsersPage } from './UsersPage';
import { NotFoundPage } from '../NotFoundPage';

/** The account or admin screen of a path (App.tsx sends only those paths here), as one lazily loaded chunk. */
export function AccountRoute({ path }: { path: string }): ReactElement {
  return accountRouteFor(path) ?? <NotFoundPage />;
}

/** The account and admin screens for a path, or null when the path is not one of them (keep ACCOUNT_PATH in step). */
export function accountRouteFor(path: string): ReactElement | null {
  const token = /^\/(uitnodiging|wachtwoord)\/([A-Za-z0-9_-]{43})$/.exec(path);
  if (token)
    return token[1] === 'uitnodiging' ? (
      <AcceptInvitationPage token={token[2]!} />
    ) : (
      <ResetPasswordPage token={token[2]!} />
    );
  const message = /^\/beheer\/berichten\/([a-f0-9]{24})$/.exec(path);
  if (message) return <OutboxMessagePage id={message[1]!} />;
  switch (path) {
    case '/inloggen':
      return <LoginPage />;
    case '/wachtwoord-vergeten':
      return <ForgotPasswordPage />;
    case '/beheer/gebruikers':
      return <UsersPage />;
    case '/beheer/berichten':
      return <OutboxPage />;
    default:
      return null;
  }
}
