import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../../platform/auth/auth-user';
import { ApiData } from '../../platform/http/api-docs';
import { UuidParam } from '../../platform/http/uuid-param';
import {
  CreateWebhookDto,
  ListDeliveriesQueryDto,
  UpdateWebhookDto,
  WebhookDeliveryResponseDto,
  WebhookResponseDto,
  WebhookWithSecretResponseDto,
} from './webhooks.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller()
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('projects/:projectId/webhooks')
  @ApiOperation({ summary: 'Register a webhook endpoint (owner/admin); the signing secret is shown once' })
  @ApiData(WebhookWithSecretResponseDto, 201)
  create(
    @CurrentUser() user: AuthUser,
    @UuidParam('projectId') projectId: string,
    @Body() dto: CreateWebhookDto,
  ): Promise<WebhookWithSecretResponseDto> {
    return this.webhooks.create(user, projectId, dto);
  }

  @Get('projects/:projectId/webhooks')
  @ApiOperation({ summary: "A project's webhook endpoints (owner/admin)" })
  @ApiData(WebhookResponseDto, 200, { isArray: true })
  list(
    @CurrentUser() user: AuthUser,
    @UuidParam('projectId') projectId: string,
  ): Promise<WebhookResponseDto[]> {
    return this.webhooks.list(user, projectId);
  }

  @Get('webhooks/:id')
  @ApiOperation({ summary: 'One webhook endpoint (without its secret)' })
  @ApiData(WebhookResponseDto)
  get(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<WebhookResponseDto> {
    return this.webhooks.get(user, id);
  }

  @Patch('webhooks/:id')
  @ApiOperation({ summary: 'Change URL, events, includePrivate, description, or enable/disable' })
  @ApiData(WebhookResponseDto)
  update(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @Body() dto: UpdateWebhookDto,
  ): Promise<WebhookResponseDto> {
    return this.webhooks.update(user, id, dto);
  }

  @Delete('webhooks/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook endpoint with its delivery log' })
  @ApiNoContentResponse()
  async delete(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<void> {
    await this.webhooks.delete(user, id);
  }

  @Post('webhooks/:id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'New signing secret, shown once; the old one also signs for 24 h' })
  @ApiData(WebhookWithSecretResponseDto)
  rotateSecret(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
  ): Promise<WebhookWithSecretResponseDto> {
    return this.webhooks.rotateSecret(user, id);
  }

  @Post('webhooks/:id/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a ping event; its outcome shows in the delivery log' })
  @ApiData(WebhookDeliveryResponseDto, 202)
  test(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<WebhookDeliveryResponseDto> {
    return this.webhooks.test(user, id);
  }

  @Get('webhooks/:id/deliveries')
  @ApiOperation({
    summary: 'Delivery log, newest first: event, attempts, status code, duration, error, next retry',
  })
  @ApiData(WebhookDeliveryResponseDto, 200, { paginated: true })
  deliveries(@CurrentUser() user: AuthUser, @UuidParam() id: string, @Query() query: ListDeliveriesQueryDto) {
    return this.webhooks.deliveries(user, id, query);
  }

  @Post('webhooks/:id/deliveries/:deliveryId/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivery again now (a failed one, or a replay)' })
  @ApiData(WebhookDeliveryResponseDto, 202)
  retry(
    @CurrentUser() user: AuthUser,
    @UuidParam() id: string,
    @UuidParam('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryResponseDto> {
    return this.webhooks.retry(user, id, deliveryId);
  }
}
