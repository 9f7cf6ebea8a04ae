/**
 * The paths of the account and admin screens (accountRoutes.tsx picks the screen). Kept apart from the screens
 * so that App.tsx can tell these paths by themselves without loading the screens' chunk.
 */
export const ACCOUNT_PATH =
  /^\/(inloggen|wachtwoord-vergeten|beheer\/(gebruikers|berichten(\/[a-f0-9]{24})?)|(uitnodiging|wachtwoord)\/[A-Za-z0-9_-]{43})$/;
