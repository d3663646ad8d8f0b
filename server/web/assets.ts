import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { HttpError } from '../http/errors.js'
import { type Asset, clientBundle } from './client-bundle.js'

const forever = 'public, max-age=31536000, immutable'
const scriptResponse = {
  200: { description: 'JavaScript', content: { 'text/javascript': { schema: Type.String() } } },
  304: { description: 'Not modified', type: 'null' },
}

/** Sends an asset, gzipped when the browser accepts it, answering 304 to a matching ETag. */
function sendAsset(req: FastifyRequest, reply: FastifyReply, asset: Asset, cacheControl: string) {
  reply.header('content-type', asset.type).header('cache-control', cacheControl).header('etag', asset.etag)
  reply.header('vary', 'Accept-Encoding')
  if (req.headers['if-none-match'] === asset.etag) return reply.status(304).send()
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    return reply.header('content-encoding', 'gzip').send(asset.gzipped)
  }
  return reply.send(asset.body)
}

/**
 * The client's bundles: `/assets/NAME-HASH.js`, cached for good since a new build has new
 * names, and `/embed.js`, the one address brand pages write down, revalidated every few minutes.
 * Both may be loaded from any origin (module scripts are fetched with CORS); what an embed may
 * then do with the API is decided by the embed origins an admin allows.
 */
export default async function assetRoutes(app: FastifyInstance) {
  app.get(
    '/assets/:name',
    {
      schema: {
        tags: ['web'],
        summary: 'A bundle of the web client (content-hashed name, cached for good)',
        params: Type.Object(
          { name: Type.String({ pattern: '^[A-Za-z0-9_-]+\\.(js|js\\.map)$', maxLength: 100 }) },
          { additionalProperties: false },
        ),
        response: scriptResponse,
      },
    },
    async (req, reply) => {
      const bundle = await clientBundle()
      const asset = bundle.files.get((req.params as { name: string }).name)
      if (!asset) throw new HttpError(404, 'not_found', 'No such asset.')
      reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin')
      return sendAsset(req, reply, asset, forever)
    },
  )

  app.get(
    '/embed.js',
    {
      schema: {
        tags: ['web'],
        summary: 'The embed: <tribune-thread> and <tribune-comments> for brand pages (one ES module)',
        response: scriptResponse,
      },
    },
    async (req, reply) => {
      const { embed } = await clientBundle()
      reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin')
      return sendAsset(req, reply, embed, 'public, max-age=300')
    },
  )
}
