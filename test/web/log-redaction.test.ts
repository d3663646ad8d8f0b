import t from 'tap'
import { logRequest } from '../../server/app.js'

t.test('sign-in tokens in addresses never reach the log', async (t) => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl'
  t.same(logRequest({ method: 'GET', url: `/auth/sso?token=${jwt}&next=/t/a/1`, ip: '10.0.0.1' }), {
    method: 'GET',
    url: '/auth/sso?token=[redacted]&next=/t/a/1',
    remoteAddress: '10.0.0.1',
  })
  t.equal(
    logRequest({ method: 'GET', url: `/auth/sso?next=/&TOKEN=${jwt}` }).url,
    '/auth/sso?next=/&TOKEN=[redacted]',
  )
  t.equal(
    logRequest({ method: 'GET', url: '/t/a-topic/1?lang=fr' }).url,
    '/t/a-topic/1?lang=fr',
    'others untouched',
  )
})
