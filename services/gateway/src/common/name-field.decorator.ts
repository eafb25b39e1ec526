import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/**
 * A name or text a person typed (project, team, file, token, comment): trimmed before it is
 * checked, so one made only of spaces is refused instead of being stored as "".
 */
export function NameField(maxLength: number): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.trim() : value,
    ),
    IsString(),
    IsNotEmpty({ message: '$property must not be empty' }),
    MaxLength(maxLength),
  );
}
