import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CryptoError, createFieldCrypto, resolveSecret } from './crypto.js';

const secret = 'a'.repeat(64);

describe('field crypto', () => {
  const crypto = createFieldCrypto(secret);

  it('round-trips Chinese text and never stores the plain text', () => {
    const sealed = crypto.encrypt('51010119900101123X 张三');
    expect(sealed.includes(Buffer.from('51010119900101123X'))).toBe(false);
    expect(crypto.decrypt(sealed)).toBe('51010119900101123X 张三');
  });

  it('uses a fresh IV every time', () => {
    expect(crypto.encrypt('13812341234').equals(crypto.encrypt('13812341234'))).toBe(false);
  });

  it('detects tampering', () => {
    const sealed = crypto.encrypt('13812341234');
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 1;
    expect(() => crypto.decrypt(sealed)).toThrow(CryptoError);
  });

  it('cannot decrypt with another secret', () => {
    const other = createFieldCrypto('b'.repeat(64));
    expect(() => other.decrypt(crypto.encrypt('x'))).toThrow(CryptoError);
    expect(other.fingerprint).not.toBe(crypto.fingerprint);
  });

  it('gives a stable blind index per purpose', () => {
    const a = crypto.blindIndex('phone', '13812341234');
    expect(a.equals(crypto.blindIndex('phone', '13812341234'))).toBe(true);
    expect(a.equals(crypto.blindIndex('id_card', '13812341234'))).toBe(false);
    expect(a.equals(createFieldCrypto('b'.repeat(64)).blindIndex('phone', '13812341234'))).toBe(false);
  });
});

describe('resolveSecret', () => {
  it('generates the secret once with mode 0600 and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuanyu-secret-'));
    const first = resolveSecret(undefined, dir);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(resolveSecret(undefined, dir)).toBe(first);
    expect(resolveSecret('configured-secret-configured-secret', dir)).toBe(
      'configured-secret-configured-secret',
    );
    fs.rmSync(dir, { recursive: true });
  });
});
