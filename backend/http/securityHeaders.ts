import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { SecuritySettings } from './securitySettings';

/**
 * helmet with a Content-Security-Policy the map works under: scripts only from our origin (no inline, no eval),
 * inline styles (Leaflet positions its panes with style attributes), images from us, data: URIs and OSM tiles.
 */
export function securityHeaders(settings: Pick<SecuritySettings, 'secureCookies'>): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https://*.tile.openstreetmap.org'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(settings.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // HSTS only when we know we are behind HTTPS (production); on http://localhost it would only confuse.
    strictTransportSecurity: settings.secureCookies ? { maxAge: 180 * 24 * 3600, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * CORS, closed by default: without configured origins no Access-Control-Allow-Origin is ever sent, so other sites'
 * scripts cannot read the API. A configured origin may call it with cookies (and still needs the CSRF header).
 */
export function cors(origins: string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get('origin');
    if (!origin || !allowed.has(origin)) return next();
    res.vary('Origin');
    res.set('Access-Control-Allow-Origin', origin);
    res.set('Access-Control-Allow-Credentials', 'true');
    if (req.method === 'OPTIONS' && req.get('access-control-request-method')) {
      res.set('Access-Control-Allow-Methods', 'GET,POST,PUT,PATCH,DELETE');
      res.set('Access-Control-Allow-Headers', 'Content-Type,X-CSRF-Token,X-Request-Id');
      res.set('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
