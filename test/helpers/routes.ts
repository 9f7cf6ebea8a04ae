import type { Express } from 'express';
import type { Action } from '../../backend/http/authorization';

/** A route of the app as the router holds it: method, full path pattern, and the actions its `authorize` guards. */
export interface RegisteredRoute {
  method: string;
  path: string;
  actions: Action[];
}

interface Layer {
  rawPath?: unknown;
  handle: { stack?: Layer[]; authorizeAction?: Action };
  route?: { path: unknown; methods: Record<string, boolean>; stack: Layer[] };
}

function join(prefix: string, path: unknown): string {
  const p = typeof path === 'string' ? path : String(path);
  return `${prefix}${p === '/' ? '' : p}` || '/';
}

/** Every route of the app (Express 5 / router 2: layers keep their `rawPath`), with its authorize actions. */
export function listRoutes(app: Express): RegisteredRoute[] {
  const out: RegisteredRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = join(prefix, layer.route.path);
        const actions = layer.route.stack.map((l) => l.handle.authorizeAction).filter((a): a is Action => Boolean(a));
        for (const [method, on] of Object.entries(layer.route.methods))
          if (on) out.push({ method: method.toUpperCase(), path, actions });
      } else if (Array.isArray(layer.handle.stack)) {
        walk(layer.handle.stack, join(prefix, layer.rawPath ?? '/'));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return out;
}
