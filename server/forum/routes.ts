import type { FastifyInstance } from 'fastify'
import categoryRoutes from './categories/routes.js'
import postRoutes from './posts/routes.js'
import reactionRoutes from './reactions/routes.js'
import { Author, Category, Post, Topic } from './schema.js'
import topicRoutes from './topics/routes.js'

/** The forum's routes, one plugin per sub-domain; the shapes they share are registered once here. */
export default async function forumRoutes(app: FastifyInstance) {
  app.addSchema(Author)
  app.addSchema(Post)
  app.addSchema(Topic)
  app.addSchema(Category)
  await app.register(categoryRoutes)
  await app.register(topicRoutes)
  await app.register(postRoutes)
  await app.register(reactionRoutes)
}
