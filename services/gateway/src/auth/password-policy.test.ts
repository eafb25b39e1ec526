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

  it('refuses a listed word dressed in digits and symbols, beyond any short committed list', () => {
    for (const password of [
      'Summer2024!',
      'football12',
      '!!monkey2025',
      'Dragon12345',
      'starwars1234',
    ])
      expect(passwordProblem(password), password).toBe('password is too common');
    // Deep in the list (rank 20,000 and beyond), where a short committed list never reaches.
    for (const password of ['devilmaycry4', 'qweasdzxc1', '89231243658s'])
      expect(passwordProblem(password), password).toBe('password is too common');
  });

  it('accepts mixed passwords and long passphrases of one class', () => {
    expect(passwordProblem('correct horse battery')).toBeNull();
    expect(passwordProblem('tr0ub4dor&3x')).toBeNull();
    expect(passwordProblem('correcthorsebatterystaple')).toBeNull();
  });
});
