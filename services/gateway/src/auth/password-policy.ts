import { registerDecorator, type ValidationOptions } from 'class-validator';
import { dictionary } from '@zxcvbn-ts/language-common';

/** The ranked list of leaked passwords zxcvbn-ts ships (about 49,000 entries). */
const COMMON = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/** A common word with digits or symbols around it ("Summer2024!", "football12") is still common. */
function commonCore(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return true;
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  return core.length >= 4 && core !== lower && COMMON.has(core);
}

/** Under this length a password must mix character classes (letters, digits, symbols). */
const SINGLE_CLASS_MIN_LENGTH = 16;

/** Why a new password is refused, or null: common ones, and short ones of one character class. */
export function passwordProblem(password: string): string | null {
  if (commonCore(password)) return 'password is too common';
  if (new Set(password).size <= 2) return 'password repeats the same characters';
  const classes = [/[a-z]/i, /[0-9]/, /[^a-z0-9]/i].filter((re) => re.test(password)).length;
  if (classes < 2 && password.length < SINGLE_CLASS_MIN_LENGTH) {
    return `password must mix letters with digits or symbols, or be at least ${SINGLE_CLASS_MIN_LENGTH} characters`;
  }
  return null;
}

/** Applies passwordProblem to a DTO property; the 400 says which rule failed. */
export function IsAcceptablePassword(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && passwordProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? (passwordProblem(args.value) ?? 'password is not acceptable')
            : 'password must be a string',
      },
    });
}
