import { z } from 'zod';
import { createZodDto } from '../../platform/http/zod-dto';
import { queryInt } from '../../platform/http/pagination';

export const attachmentSchema = z.object({
  id: z.uuid(),
  name: z.string().describe('Sanitised filename'),
  size: z.number().int().describe('Bytes'),
  contentType: z.string().describe('Sniffed from the bytes, never taken from the client'),
  width: z.number().int().optional().describe('Images: pixels'),
  height: z.number().int().optional().describe('Images: pixels'),
});

export class AttachmentResponseDto extends createZodDto(attachmentSchema) {}

export class UploadQueryDto extends createZodDto(
  z.strictObject({ conversationId: z.uuid().describe('The conversation the file is for') }),
) {}

export class AttachmentLinkResponseDto extends createZodDto(
  z.object({
    url: z
      .string()
      .describe(
        'Usable without credentials (e.g. <img src>) until expiresAt: presigned S3, or a path on this server',
      ),
    expiresAt: z.iso.datetime(),
  }),
) {}

export class SignedDownloadQueryDto extends createZodDto(
  z.strictObject({
    expires: queryInt(0, 9_999_999_999).describe('Seconds since the epoch'),
    signature: z.string().min(1).max(100),
  }),
) {}

/** The OpenAPI description of the upload body (read as a stream, so no DTO parses it). */
export const UPLOAD_BODY_SCHEMA = {
  type: 'object' as const,
  required: ['file'],
  properties: { file: { type: 'string' as const, format: 'binary', description: 'One file' } },
};
