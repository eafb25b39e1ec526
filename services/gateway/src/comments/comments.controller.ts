import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CommentDto } from '@mixscope/contracts';
import { CurrentAuth, type AuthContext } from '../auth/auth-context.ts';
import { UuidParamPipe } from '../common/uuid-param.pipe.ts';
import { CreateCommentDto, UpdateCommentDto } from './comment.dto.ts';
import { CommentsService } from './comments.service.ts';

@ApiTags('comments')
@ApiBearerAuth()
@Controller()
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Post('analyses/:analysisId/comments')
  create(
    @CurrentAuth() auth: AuthContext,
    @Param('analysisId', UuidParamPipe) analysisId: string,
    @Body() dto: CreateCommentDto,
  ): Promise<CommentDto> {
    return this.comments.create(auth, analysisId, dto);
  }

  @Get('analyses/:analysisId/comments')
  list(
    @CurrentAuth() auth: AuthContext,
    @Param('analysisId', UuidParamPipe) analysisId: string,
  ): Promise<CommentDto[]> {
    return this.comments.list(auth, analysisId);
  }

  @Patch('comments/:commentId')
  update(
    @CurrentAuth() auth: AuthContext,
    @Param('commentId', UuidParamPipe) commentId: string,
    @Body() dto: UpdateCommentDto,
  ): Promise<CommentDto> {
    return this.comments.update(auth, commentId, dto);
  }

  @Delete('comments/:commentId')
  @HttpCode(204)
  async delete(
    @CurrentAuth() auth: AuthContext,
    @Param('commentId', UuidParamPipe) commentId: string,
  ): Promise<void> {
    await this.comments.delete(auth, commentId);
  }
}
