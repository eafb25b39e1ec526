import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.ts';

describe('passwordProblem', () => {
  it('refuses ten digits, a keyboard row and the common ones, whatever their case', () => {
    expect(passwordProblem('1234567890')).toBe('password is too common');
    expect(passwordProblem('9876543210')).toMatch(/must mix letters with digits or symbols/);
    expect(passwordProblem('QWERTYUIOP')).toBe('password is too common');
    expect(passwordProblem('Password123')).toBe('password is too common');
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/repeats/);
    expect(passwordProblem('abababababab')).toMatch(/repeats/);
    expect(passwordProblem('onlylowercase')).toMatch(/must mix/);
  });

  it('accepts mixed passwords and long passphrases of one class', () => {
    expect(passwordProblem('correct horse battery')).toBeNull();
    expect(passwordProblem('tr0ub4dor&3x')).toBeNull();
    expect(passwordProblem('correcthorsebatterystaple')).toBeNull();
  });
});
