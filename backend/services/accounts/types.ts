import type { Role, UserLanguage } from '../../../shared/api/auth';

/** The logged-in user as routes and services see it (`req.user`); null when nobody is logged in. */
export interface AuthUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  /** The schools a school contact may see; empty for other roles. */
  schoolIds: string[];
  language: UserLanguage;
}
