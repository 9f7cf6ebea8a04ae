import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import type { Role } from '../../shared/api/auth';
import { createActiveUser } from '../../backend/services/accounts/users';

/** A logged-in user for API tests: a supertest agent holding the session cookie, and the CSRF token. */
export interface LoggedIn {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  email: string;
  id: string;
}

/** Creates an active user of `role` with a unique email and logs in through POST /api/session. */
export async function loginAs(app: Express, role: Role, schoolIds: string[] = []): Promise<LoggedIn> {
  const email = `${role}-${randomBytes(5).toString('hex')}@test.techniekwagen.nl`;
  const password = `pw-${randomBytes(9).toString('hex')}`;
  const user = await createActiveUser({ email, password, role, schoolIds, name: `Test ${role}` });
  const agent = request.agent(app);
  const res = await agent.post('/api/session').send({ email, password });
  if (res.status !== 200 && res.status !== 201)
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const csrf = cookies.map((c) => /^csrf=([^;]+)/.exec(c)?.[1]).find(Boolean);
  if (!csrf) throw new Error('no csrf cookie after login');
  return { agent, csrf: decodeURIComponent(csrf), email, id: user.id };
}
