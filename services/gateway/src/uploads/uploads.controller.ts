import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentAuth, type AuthContext } from '../auth/auth-context.ts';
import { UuidParamPipe } from '../common/uuid-param.pipe.ts';
import { CreateUploadDto } from './upload.dto.ts';
import { UploadsService } from './uploads.service.ts';
import { ApiDoc } from '../common/api-doc.ts';
import {
  completeUploadResponseSchema,
  presignedUploadResponseSchema,
  uploadLimitsSchema,
} from '@mixscope/contracts';

@ApiTags('uploads')
@ApiBearerAuth()
@Controller()
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  /** The size limit and accepted formats, so a client can refuse a file before sending it. */
  @ApiDoc(
    'The size limit and accepted formats, to check a file before sending it',
    200,
    uploadLimitsSchema,
  )
  @Get('uploads/limits')
  limits() {
    return this.uploads.limits();
  }

  @ApiDoc(
    'Get a presigned PUT for a file (429 while starting an analysis would be refused)',
    201,
    presignedUploadResponseSchema,
  )
  @Post('projects/:projectId/uploads')
  presign(
    @CurrentAuth() auth: AuthContext,
    @Param('projectId', UuidParamPipe) projectId: string,
    @Body() dto: CreateUploadDto,
  ) {
    return this.uploads.presign(auth, projectId, dto);
  }

  @ApiDoc(
    'Check what arrived (size and format) and make the upload ready to analyse',
    200,
    completeUploadResponseSchema,
  )
  @Post('uploads/:uploadId/complete')
  @HttpCode(200)
  complete(@CurrentAuth() auth: AuthContext, @Param('uploadId', UuidParamPipe) uploadId: string) {
    return this.uploads.complete(auth, uploadId);
  }
}
