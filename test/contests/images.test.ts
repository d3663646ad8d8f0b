import { crc32 } from 'node:zlib'
import sharp from 'sharp'
import t from 'tap'
import { makeMember } from '../helpers/factories.js'
import { contestWorld, hour, multipart } from './helpers.js'

// Entry images are checked by their content and re-encoded: what is served holds decoded pixels
// only, without EXIF or GPS, without anything appended to the file, never larger than 2048 px.

const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#cc3333' } })

/** A PNG whose header claims `side` × `side` pixels: tiny on disk, billions of pixels decoded. */
async function bomb(side: number): Promise<Buffer> {
  const png = Buffer.from(await photo(8, 8).png().toBuffer())
  // IHDR is the first chunk: length (4) "IHDR" (4) width (4) height (4) … CRC over type and data.
  png.writeUInt32BE(side, 16)
  png.writeUInt32BE(side, 20)
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29)
  return png
}

t.test('entry images', async (t) => {
  const w = await contestWorld(t)
  const { a } = w
  const contest = await w.contest({ entriesPerMember: 20 })
  const member = await makeMember(a)
  w.at(hour)
  const send = (form: ReturnType<typeof multipart>, headers: Record<string, string> = member.auth) =>
    a.inject({
      method: 'POST',
      url: `/api/contests/${contest.id}/entries`,
      payload: form.payload,
      headers: { ...headers, ...form.headers },
    })

  t.test('visitors cannot upload', async (t) => {
    const res = await send(
      multipart({ title: 'x' }, { name: 'a.jpg', type: 'image/jpeg', bytes: Buffer.alloc(10) }),
      {},
    )
    t.equal(res.statusCode, 401)
  })

  t.test('a photo with EXIF and GPS is stored upright, smaller and without them', async (t) => {
    const original = await photo(3000, 1000)
      .withExif({
        IFD0: { Copyright: 'Secret Owner', Make: 'PhoneCo' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '43/1 42/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '7/1 15/1 0/1',
        },
      })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer()
    const before = await sharp(original).metadata()
    t.ok(before.exif && before.orientation === 6, 'the upload carries EXIF and a rotation')
    const res = await send(
      multipart(
        { title: 'Vue sur la baie', body: 'Depuis le port.' },
        { name: 'IMG_0001.JPG', type: 'image/jpeg', bytes: original },
      ),
    )
    t.equal(res.statusCode, 201)
    const entry = res.json().entry
    t.match(entry, {
      title: 'Vue sur la baie',
      html: '<p>Depuis le port.</p>\n',
      imageUrl: /^\/api\/contest-images\/\d+$/,
    })
    const served = await a.inject({ method: 'GET', url: entry.imageUrl })
    t.equal(served.statusCode, 200)
    t.equal(served.headers['content-type'], 'image/webp')
    t.equal(served.headers['x-content-type-options'], 'nosniff')
    t.match(served.headers['cache-control'], /max-age=31536000/)
    const meta = await sharp(served.rawPayload).metadata()
    t.equal(meta.format, 'webp')
    t.equal(meta.exif, undefined, 'no EXIF left')
    t.equal(meta.orientation, undefined)
    t.same([meta.width, meta.height], [683, 2048], 'turned upright (orientation 6), then at most 2048 px')
    t.notOk(served.rawPayload.includes('Secret Owner'))
    t.notOk(served.rawPayload.includes('PhoneCo'))
    const stored = await a.db
      .selectFrom('contestImages')
      .select(['bytes', 'contentType', 'width', 'height'])
      .executeTakeFirstOrThrow()
    t.same([stored.contentType, stored.width, stored.height], ['image/webp', 683, 2048])
    t.equal((await a.inject({ method: 'GET', url: '/api/contest-images/999999' })).statusCode, 404)
  })

  t.test('a polyglot (a PNG with a script appended) comes out as a clean image', async (t) => {
    const script = '<script>alert(document.cookie)</script>'
    const png = Buffer.concat([
      await photo(40, 30).png().toBuffer(),
      Buffer.from(script),
      Buffer.from('PK\u0003\u0004zip'),
    ])
    const res = await send(
      multipart({ title: 'Polyglotte', body: '' }, { name: 'x.png', type: 'image/png', bytes: png }),
    )
    t.equal(res.statusCode, 201)
    const served = await a.inject({ method: 'GET', url: res.json().entry.imageUrl })
    t.notOk(served.rawPayload.includes('<script>'), 'the script is gone')
    t.notOk(served.rawPayload.includes('PK'), 'so is the zip')
    t.equal((await sharp(served.rawPayload).metadata()).width, 40)
  })

  t.test('files that are not accepted images are refused, whatever their name', async (t) => {
    const text = await send(
      multipart(
        { title: 'Faux', body: 'x' },
        {
          name: 'photo.jpg',
          type: 'image/jpeg',
          bytes: Buffer.from('just some text, not a photo\n'.repeat(20)),
        },
      ),
    )
    t.equal(text.statusCode, 422)
    t.equal(text.json().error.code, 'unsupported_image')
    const svg = await send(
      multipart(
        { title: 'SVG', body: 'x' },
        {
          name: 'a.png',
          type: 'image/png',
          bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        },
      ),
    )
    t.equal(svg.statusCode, 422)
    const pdf = await send(
      multipart(
        { title: 'PDF', body: 'x' },
        { name: 'a.jpg', type: 'image/jpeg', bytes: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n') },
      ),
    )
    t.equal(pdf.statusCode, 422)
    const truncated = (await photo(50, 50).jpeg().toBuffer()).subarray(0, 200)
    const broken = await send(
      multipart({ title: 'Cassée', body: 'x' }, { name: 'a.jpg', type: 'image/jpeg', bytes: truncated }),
    )
    t.equal(broken.statusCode, 422)
    t.equal(broken.json().error.code, 'invalid_image')
  })

  t.test('too big: a file over 8 MB (413), a decompression bomb (422)', async (t) => {
    const huge = Buffer.concat([await photo(10, 10).png().toBuffer(), Buffer.alloc(9 * 1024 * 1024)])
    const big = await send(
      multipart({ title: 'Énorme', body: 'x' }, { name: 'big.png', type: 'image/png', bytes: huge }),
    )
    t.equal(big.statusCode, 413)
    t.equal(big.json().error.code, 'image_too_large')
    const boom = await send(
      multipart(
        { title: 'Bombe', body: 'x' },
        { name: 'b.png', type: 'image/png', bytes: await bomb(100_000) },
      ),
    )
    t.equal(boom.statusCode, 422)
    t.equal(boom.json().error.code, 'image_too_large')
  })

  t.test('forms with other parts, or without text or image, are refused', async (t) => {
    const jpeg = await photo(20, 20).jpeg().toBuffer()
    const wrongField = await send(
      multipart(
        { title: 'x', body: 'y' },
        { field: 'avatar', name: 'a.jpg', type: 'image/jpeg', bytes: jpeg },
      ),
    )
    t.equal(wrongField.statusCode, 400)
    const extra = await send(multipart({ title: 'x', body: 'y', votes: '100' }))
    t.equal(extra.statusCode, 400)
    const empty = await send(multipart({ title: 'Rien', body: '' }))
    t.equal(empty.statusCode, 400)
    t.equal(empty.json().error.code, 'empty_entry')
    const noTitle = await send(multipart({ body: 'y' }, { name: 'a.jpg', type: 'image/jpeg', bytes: jpeg }))
    t.equal(noTitle.statusCode, 400)
    const textOnly = await send(multipart({ title: 'Texte seul', body: 'Un poème.' }))
    t.equal(textOnly.statusCode, 201, 'multipart without a file is a text entry')
    t.equal(textOnly.json().entry.imageUrl, null)
  })
})
