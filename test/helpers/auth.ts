import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import type { Role } from '../../shared/api/auth';
import { createActiveUser } from '../../backend/services/accounts/users';

export const TEST_PASSWORD = 'lang-genoeg-wachtwoord-1';

/** A fresh email address, unique in this run (the users collection is shared by every suite). */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}@example.test`;
}

/**
 * A fresh client IP: the app trusts X-Forwarded-For from loopback, so each test can have its own rate-limit
 * counters instead of sharing 127.0.0.1's.
 */
export function uniqueIp(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

/** A test user with a known password. */
export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  schoolIds: string[];
}

/** Creates an active user of `role` (school contacts of `schoolIds`, default 23ja01). */
export async function createTestUser(
  role: Role,
  schoolIds: string[] = role === 'school' ? ['23ja01'] : [],
): Promise<TestUser> {
  const email = uniqueEmail(role);
  const user = await createActiveUser({ email, password: TEST_PASSWORD, role, name: `Test ${role}`, schoolIds });
  return { id: user.id, email, password: TEST_PASSWORD, role, schoolIds };
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A supertest client that keeps cookies, sends the CSRF header on writes and comes from its own IP. */
export class TestClient {
  readonly agent: ReturnType<typeof request.agent>;
  readonly ip = uniqueIp();
  csrf: string | null = null;

  constructor(readonly app: Express) {
    this.agent = request.agent(app);
  }

  /** A request with this client's cookies, IP and (on writes) CSRF header. */
  send(method: Method, path: string) {
    const req = this.agent[method](path).set('X-Forwarded-For', this.ip);
    if (method !== 'get' && this.csrf) req.set('X-CSRF-Token', this.csrf);
    return req;
  }

  /** Logs in; expects 200 and remembers the CSRF token of the new session. */
  async login(email: string, password: string): Promise<this> {
    const res = await this.send('post', '/api/session').send({ email, password });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.csrf = csrfFrom(res.headers['set-cookie']);
    return this;
  }
}

/** The value of the `csrf` cookie in a Set-Cookie header list. */
export function csrfFrom(setCookie: string | string[] | undefined): string | null {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  for (const c of list) {
    const m = /^csrf=([^;]*)/.exec(c);
    if (m && m[1]) return m[1];
  }
  return null;
}

/** A client logged in as a new user of `role`. */
export async function loggedIn(
  app: Express,
  role: Role,
  schoolIds?: string[],
): Promise<{ client: TestClient; user: TestUser }> {
  const user = await createTestUser(role, schoolIds);
  const client = await new TestClient(app).login(user.email, user.password);
  return { client, user };
}

/**
 * Rate limits count in fixed windows on the real clock. A test that fills one and expects the next request to be
 * refused waits here, if need be, until at least `needSeconds` are left of the current window of
 * `windowSeconds`, so its requests never straddle two windows.
 */
export async function clearOfWindowEnd(windowSeconds: number, needSeconds = 20): Promise<void> {
  const left = windowSeconds * 1000 - (Date.now() % (windowSeconds * 1000));
  if (left < needSeconds * 1000) await new Promise((done) => setTimeout(done, left + 50));
}
