import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../../platform/auth/auth-user';
import { ApiData } from '../../platform/http/api-docs';
import { ReportSummaryQueryDto, ReportSummaryResponseDto } from './reports.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('summary')
  @ApiOperation({
    summary: 'Conversation, response-time and satisfaction figures per day or week, in total and per agent',
    description:
      'Days are cut in `timezone`; times are in seconds (median and 90th percentile). First response ' +
      'counts conversations opened in the range; resolution those resolved in it.',
  })
  @ApiData(ReportSummaryResponseDto)
  summary(
    @CurrentUser() user: AuthUser,
    @Query() q: ReportSummaryQueryDto,
  ): Promise<ReportSummaryResponseDto> {
    return this.reports.summary(user, q);
  }
}
