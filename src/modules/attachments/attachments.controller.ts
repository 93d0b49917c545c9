import { Controller, Get, HttpCode, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../platform/auth/auth-user';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { ApiData } from '../../platform/http/api-docs';
import { MultipartUpload } from '../../platform/http/multipart';
import { WidgetApi } from '../../platform/http/route-kind';
import { UuidParam } from '../../platform/http/uuid-param';
import { ApiRateLimited } from '../../platform/rate-limit';
import type { WidgetContext } from '../widget/widget-auth.service';
import { requireVisitor, WidgetOrAgentGuard } from '../widget/widget.guard';
import {
  AttachmentLinkResponseDto,
  AttachmentResponseDto,
  SignedDownloadQueryDto,
  UPLOAD_BODY_SCHEMA,
  UploadQueryDto,
} from './attachments.dto';
import { AttachmentsService, type Actor, type Download } from './attachments.service';

type CallerRequest = FastifyRequest & { user?: AuthUser; widget?: WidgetContext };

const actorOf = (req: CallerRequest): Actor =>
  req.user
    ? { kind: 'agent', user: req.user }
    : { kind: 'visitor', visitorId: requireVisitor(req.widget!), project: req.widget!.project };

const BINARY = { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } };

async function send(reply: FastifyReply, download: Download): Promise<void> {
  const stream = await download.stream();
  await reply.headers(download.headers).send(stream);
}

/** Upload and download, for the widget (its visitor token) and agents (their JWT) alike. */
@ApiTags('attachments')
@ApiSecurity('project-key')
@ApiSecurity('visitor-token')
@ApiBearerAuth()
@WidgetApi()
@UseGuards(WidgetOrAgentGuard)
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @MultipartUpload()
  @ApiOperation({
    summary: 'Upload one file for a conversation (multipart/form-data, field `file`)',
    description:
      'Then send a message with `attachmentIds`. The type is sniffed from the bytes; over the ' +
      "project's limit 413 ATTACHMENT_TOO_LARGE, a type it does not accept 415 ATTACHMENT_TYPE_NOT_ALLOWED; " +
      'nothing is stored then. Uploads never attached are deleted after 24 h.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_BODY_SCHEMA })
  @ApiData(AttachmentResponseDto, 201)
  @ApiRateLimited()
  upload(@Req() req: CallerRequest, @Query() query: UploadQueryDto): Promise<AttachmentResponseDto> {
    return this.attachments.upload(actorOf(req), query.conversationId, async ({ maxBytes }) => {
      if (!req.isMultipart()) {
        throw new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send the file as multipart/form-data');
      }
      // One past the limit, so that an oversized file is seen as such rather than cut silently.
      return req.file({ limits: { fileSize: maxBytes + 1 }, throwFileSizeLimit: false });
    });
  }

  @Get(':id')
  @ApiOperation({
    summary: "Download an attachment (its conversation's visitor, or agents of its team)",
    description:
      'Served with Content-Disposition: attachment (inline only for PNG, JPEG, GIF and WebP), ' +
      "X-Content-Type-Options: nosniff and Content-Security-Policy: sandbox; default-src 'none'.",
  })
  @ApiProduces('application/octet-stream')
  @ApiResponse({ status: 200, description: 'The file', content: BINARY })
  async download(@Req() req: CallerRequest, @UuidParam() id: string, @Res() reply: FastifyReply) {
    await send(reply, await this.attachments.download(actorOf(req), id));
  }

  @Post(':id/link')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A short-lived URL of an attachment, usable without credentials (for <img src> and links)',
  })
  @ApiData(AttachmentLinkResponseDto)
  link(@Req() req: CallerRequest, @UuidParam() id: string): Promise<AttachmentLinkResponseDto> {
    return this.attachments.link(actorOf(req), id);
  }
}

/** The disk driver's signed links (POST /attachments/:id/link): the signature is the credential. */
@ApiTags('attachments')
@WidgetApi()
@Controller('attachments')
export class AttachmentContentController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get(':id/content')
  @ApiOperation({ summary: 'Download through a signed link (404 when the signature is wrong or expired)' })
  @ApiProduces('application/octet-stream')
  @ApiResponse({ status: 200, description: 'The file', content: BINARY })
  async content(@UuidParam() id: string, @Query() query: SignedDownloadQueryDto, @Res() reply: FastifyReply) {
    await send(reply, await this.attachments.signedDownload(id, query.expires, query.signature));
  }
}
