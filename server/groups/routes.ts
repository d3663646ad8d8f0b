import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { requireRole } from '../accounts/guard.js'
import { errorResponses, IdParams, NoContent, PageQuery } from '../http/schemas.js'
import {
  Group,
  GroupCreate,
  GroupList,
  GroupPatch,
  GroupResponse,
  MemberList,
  MemberParams,
} from './schema.js'
import { addMember, createGroup, listGroups, listMembers, removeMember, renameGroup } from './service.js'

export default async function groupRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.addSchema(Group)
  const deps = { db: app.db, viewers: app.viewers }

  app.get(
    '/api/groups',
    {
      schema: {
        tags: ['groups'],
        summary: 'Every group, by name, with its member count (moderators)',
        response: { 200: GroupList, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      requireRole(req, 'moderator')
      return { items: await listGroups(deps) }
    },
  )

  app.post(
    '/api/groups',
    {
      schema: {
        tags: ['groups'],
        summary: 'Create a group (admins)',
        body: GroupCreate,
        response: { 201: GroupResponse, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const group = await createGroup(deps, requireRole(req, 'admin'), req.body)
      return reply.status(201).send({ group })
    },
  )

  app.patch(
    '/api/groups/:id',
    {
      schema: {
        tags: ['groups'],
        summary: 'Rename a group or change its description (admins)',
        params: IdParams,
        body: GroupPatch,
        response: { 200: GroupResponse, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => ({
      group: await renameGroup(deps, requireRole(req, 'admin'), req.params.id, req.body),
    }),
  )

  app.get(
    '/api/groups/:id/members',
    {
      schema: {
        tags: ['groups'],
        summary: 'A page of a group’s members (moderators)',
        params: IdParams,
        querystring: PageQuery,
        response: { 200: MemberList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      requireRole(req, 'moderator')
      return listMembers(deps, req.params.id, req.query)
    },
  )

  app.put(
    '/api/groups/:id/members/:userId',
    {
      schema: {
        tags: ['groups'],
        summary: 'Add a member to a group (admins); adding them again changes nothing',
        params: MemberParams,
        response: { 200: GroupResponse, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => ({
      group: await addMember(deps, requireRole(req, 'admin'), req.params.id, req.params.userId),
    }),
  )

  app.delete(
    '/api/groups/:id/members/:userId',
    {
      schema: {
        tags: ['groups'],
        summary: 'Remove a member from a group (admins)',
        params: MemberParams,
        response: { 204: NoContent, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await removeMember(deps, requireRole(req, 'admin'), req.params.id, req.params.userId)
      return reply.status(204).send(null)
    },
  )
}
