import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from '../web/html.js'

/**
 * Where to land after signing in: a path on this site. Anything that a browser could read as
 * another site (`//evil.example`, `/\evil.example`, `https://…`) or that is not plain printable
 * ASCII (which also keeps header injection out of Location) lands on the home page.
 */
export function safeNext(next: string | undefined): string {
  if (!next || !/^\/(?![/\\])[\x21-\x7e]*$/.test(next) || next.includes('\\')) return '/'
  return next
}

const failures: Record<number, { en: string; fr: string }> = {
  401: {
    en: 'This sign-in link is not valid: it may have expired or already been used. Go back to the site you came from and sign in again.',
    fr: 'Ce lien de connexion n’est pas valide : il a peut-être expiré ou déjà servi. Revenez sur le site d’où vous venez et reconnectez-vous.',
  },
  403: {
    en: 'This account may not sign in at the moment.',
    fr: 'Ce compte ne peut pas se connecter pour le moment.',
  },
  422: {
    en: 'Single sign-on is not configured on this community.',
    fr: 'La connexion unique n’est pas configurée sur cette communauté.',
  },
  429: {
    en: 'Too many sign-in attempts from your address; wait a minute and try again.',
    fr: 'Trop de tentatives de connexion depuis votre adresse ; patientez une minute puis réessayez.',
  },
}

function failurePage(status: number): string {
  const text = failures[status] ?? {
    en: 'Signing in did not work; try again in a moment.',
    fr: 'La connexion n’a pas abouti ; réessayez dans un instant.',
  }
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Sign-in failed · Échec de la connexion</title>
<link rel="stylesheet" href="/assets/tribune.css">
</head>
<body>
<main>
<section lang="en">
<h1>Sign-in failed</h1>
<p>${text.en}</p>
<p><a href="/">Go to the community’s home page</a></p>
</section>
<section lang="fr">
<h1>Échec de la connexion</h1>
<p>${text.fr}</p>
<p><a href="/">Aller à l’accueil de la communauté</a></p>
</section>
</main>
</body>
</html>
`.value
}

/**
 * `GET /auth/sso?token=&next=`: the community site's way in from a brand page. The token goes
 * through POST /api/auth/sso itself, in-process and from the visitor's address (so its rate limit
 * and cookies are the ones that route sets: one way to start an SSO session, not two), and the
 * cookies it set come back with a 303 to `next`. A refused token gets a page, never a redirect
 * that would carry the error (or the token) elsewhere.
 */
export async function ssoRedirect(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
  // The token is single-use and in the address: keep this answer out of every cache.
  reply.header('cache-control', 'no-store')
  // Read as sent, schema or not (the route attaches validation errors rather than answering JSON):
  // a missing or oversized token gets the page, a bad `next` only loses the destination.
  const query = req.query as Record<string, unknown>
  const token = typeof query.token === 'string' && query.token.length <= 8000 ? query.token : undefined
  const next = typeof query.next === 'string' ? query.next : undefined
  if (!token) return reply.status(401).type('text/html; charset=utf-8').send(failurePage(401))
  const userAgent = req.headers['user-agent']
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/sso',
    remoteAddress: req.ip,
    headers: { 'content-type': 'application/json', ...(userAgent ? { 'user-agent': userAgent } : {}) },
    payload: JSON.stringify({ token }),
  })
  if (res.statusCode !== 200) {
    const status = res.statusCode >= 500 ? 503 : res.statusCode === 400 ? 401 : res.statusCode
    return reply.status(status).type('text/html; charset=utf-8').send(failurePage(status))
  }
  const cookies = res.headers['set-cookie']
  if (cookies) reply.header('set-cookie', cookies)
  const to = safeNext(next)
  // With the customary short note (and link) for clients that do not follow redirects.
  return reply
    .status(303)
    .header('location', to)
    .type('text/html; charset=utf-8')
    .send(
      html`<!doctype html><meta charset="utf-8"><title>Signed in · Connecté</title><p><a href="${to}">Continue · Continuer</a></p>`
        .value,
    )
}
