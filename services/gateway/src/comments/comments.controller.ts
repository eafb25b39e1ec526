import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CommentDto } from '@mixscope/contracts';
import { CurrentAuth, type AuthContext } from '../auth/auth-context.ts';
import { UuidParamPipe } from '../common/uuid-param.pipe.ts';
import { CreateCommentDto, UpdateCommentDto } from './comment.dto.ts';
import { CommentsService } from './comments.service.ts';
import { ApiDoc } from '../common/api-doc.ts';
import { commentDtoSchema } from '@mixscope/contracts';

@ApiTags('comments')
@ApiBearerAuth()
@Controller()
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @ApiDoc(
    'Comment on a moment (or a span) of the mix, or reply to a comment',
    201,
    commentDtoSchema,
  )
  @Post('analyses/:analysisId/comments')
  create(
    @CurrentAuth() auth: AuthContext,
    @Param('analysisId', UuidParamPipe) analysisId: string,
    @Body() dto: CreateCommentDto,
  ): Promise<CommentDto> {
    return this.comments.create(auth, analysisId, dto);
  }

  @ApiDoc("List an analysis' comments in time order", 200, [commentDtoSchema])
  @Get('analyses/:analysisId/comments')
  list(
    @CurrentAuth() auth: AuthContext,
    @Param('analysisId', UuidParamPipe) analysisId: string,
  ): Promise<CommentDto[]> {
    return this.comments.list(auth, analysisId);
  }

  @ApiDoc("Edit a comment's body (its author) or resolve and reopen it", 200, commentDtoSchema)
  @Patch('comments/:commentId')
  update(
    @CurrentAuth() auth: AuthContext,
    @Param('commentId', UuidParamPipe) commentId: string,
    @Body() dto: UpdateCommentDto,
  ): Promise<CommentDto> {
    return this.comments.update(auth, commentId, dto);
  }

  @ApiDoc('Delete a comment (its author, or a team owner or admin)', 204)
  @Delete('comments/:commentId')
  @HttpCode(204)
  async delete(
    @CurrentAuth() auth: AuthContext,
    @Param('commentId', UuidParamPipe) commentId: string,
  ): Promise<void> {
    await this.comments.delete(auth, commentId);
  }
}
