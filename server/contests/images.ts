import type { FastifyRequest } from 'fastify'
import { fileTypeFromBuffer } from 'file-type'
import sharp from 'sharp'
import { badRequest, HttpError, unprocessable } from '../http/errors.js'

// Entry images: whatever a member uploads is decoded and re-encoded, never stored as sent. The
// type is read from the bytes (a text file named .jpg is refused), the pixels are decoded under a
// size limit (decompression bombs), turned upright (EXIF orientation), shrunk to at most
// `maxSide` and written afresh as WebP: EXIF, GPS and anything appended to the file (a script,
// a zip: polyglots) are left behind, since only decoded pixels reach the output.

export const maxUploadBytes = 8 * 1024 * 1024
const maxSide = 2048
/** About 50 megapixels: a 8,000 × 6,000 photo passes, a 100,000 × 100,000 PNG of one colour does not. */
const maxInputPixels = 50_000_000
const accepted = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif'])

export interface CleanImage {
  bytes: Buffer
  contentType: 'image/webp'
  width: number
  height: number
}

/**
 * An uploaded image checked by its content and re-encoded, or a 422 saying why not.
 * @example const image = await cleanImage(await part.toBuffer()) // { bytes, contentType: 'image/webp', width, height }
 */
export async function cleanImage(upload: Buffer): Promise<CleanImage> {
  const type = await fileTypeFromBuffer(upload)
  if (!type || !accepted.has(type.mime))
    throw unprocessable(
      'unsupported_image',
      `The file is ${type ? `a ${type.mime} file` : 'not an image'}: send a JPEG, PNG, WebP or GIF image.`,
    )
  try {
    const { data, info } = await sharp(upload, { limitInputPixels: maxInputPixels, failOn: 'error' })
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true })
    return { bytes: data, contentType: 'image/webp', width: info.width, height: info.height }
  } catch (err) {
    const message = (err as Error).message ?? ''
    if (/pixel limit/i.test(message))
      throw unprocessable(
        'image_too_large',
        `The image has more than ${maxInputPixels.toLocaleString('en')} pixels; send a smaller one.`,
      )
    throw unprocessable(
      'invalid_image',
      'The image could not be read: it is damaged or not what it claims to be.',
    )
  }
}

/** What a multipart entry form carries: its text fields, and the image when there is one. */
export interface EntryForm {
  fields: { title?: string; body?: string }
  image: Buffer | null
}

const textFields = new Set(['title', 'body'])

/**
 * Reads a multipart entry form: `title` and `body` fields and at most one `image` file (other
 * parts are refused, 400). The file is buffered up to `maxUploadBytes`; past it the answer is 413.
 */
export async function readEntryForm(req: FastifyRequest): Promise<EntryForm> {
  const form: EntryForm = { fields: {}, image: null }
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'image' || form.image) {
          part.file.resume()
          throw badRequest('invalid_form', 'Send one file, in the field named "image".')
        }
        form.image = await part.toBuffer()
      } else {
        if (!textFields.has(part.fieldname))
          throw badRequest(
            'invalid_form',
            `Unexpected field "${part.fieldname}": send title, body and image.`,
          )
        if (typeof part.value !== 'string' || part.valueTruncated)
          throw badRequest(
            'invalid_form',
            `The field "${part.fieldname}" must be text of at most 20,000 characters.`,
          )
        form.fields[part.fieldname as 'title' | 'body'] = part.value
      }
    }
  } catch (err) {
    if (err instanceof HttpError) throw err
    const code = (err as { code?: string }).code
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new HttpError(
        413,
        'image_too_large',
        `The image is larger than ${maxUploadBytes / 1024 / 1024} MB.`,
      )
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw new HttpError(
        413,
        'form_too_large',
        'The form has too many parts: send title, body and one image.',
      )
    throw badRequest('invalid_form', 'The multipart form could not be read.')
  }
  if (form.image?.length === 0) form.image = null
  return form
}
