import { ApiPropertyOptional } from '@nestjs/swagger';
import { trackRoleSchema, type TrackName } from '@mixscope/contracts';
import { IsIn, IsOptional } from 'class-validator';

const TRACKS = trackRoleSchema.options;

export class TrackQueryDto {
  @ApiPropertyOptional({ enum: TRACKS, default: 'mix' })
  @IsOptional()
  @IsIn(TRACKS, { message: `track must be one of: ${TRACKS.join(', ')}` })
  track?: TrackName;
}

export class WaveformQueryDto extends TrackQueryDto {
  @ApiPropertyOptional({
    enum: ['0', '1'],
    default: '0',
    description: `1: the detail level (100 points per second); 0: the ~1000-point overview`,
  })
  @IsOptional()
  @IsIn(['0', '1'], { message: 'detail must be 1 (the detail level) or 0 (the overview)' })
  detail?: '0' | '1';
}
