import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Personal data (身份证号, phone) is encrypted with AES-256-GCM and looked up through an HMAC
// blind index (PIPL: encrypted at rest). Both keys are derived from one secret with HKDF so that
// the encryption key never doubles as the index key.

const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface FieldCrypto {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
  /** The same sealing for bytes (uploaded résumés, attachments). */
  encryptBytes(plain: Buffer): Buffer;
  decryptBytes(sealed: Buffer): Buffer;
  /** Deterministic keyed hash for exact look-up; `purpose` keeps indexes of different fields apart. */
  blindIndex(purpose: string, value: string): Buffer;
  /** A short, non-secret fingerprint of the key, stored in the database to detect a changed secret. */
  fingerprint: string;
}

export class CryptoError extends Error {
  override name = 'CryptoError';
}

export function createFieldCrypto(secret: string): FieldCrypto {
  const ikm = Buffer.from(secret, 'utf8');
  const salt = Buffer.from('chuanyu.field-crypto.v1');
  const encKey = Buffer.from(hkdfSync('sha256', ikm, salt, 'aes-256-gcm', 32));
  const macKey = Buffer.from(hkdfSync('sha256', ikm, salt, 'blind-index', 32));
  const fingerprint = createHmac('sha256', macKey).update('fingerprint').digest('hex').slice(0, 16);

  const seal = (plain: Buffer): Buffer => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', encKey, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), body]);
  };
  const open = (sealed: Buffer): Buffer => {
    if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== FORMAT_VERSION) {
      throw new CryptoError('unknown ciphertext format');
    }
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', encKey, iv);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new CryptoError('ciphertext failed authentication (tampered, or another key)');
    }
  };

  return {
    fingerprint,
    encrypt(plain) {
      return seal(Buffer.from(plain, 'utf8'));
    },
    decrypt(sealed) {
      return open(sealed).toString('utf8');
    },
    encryptBytes: (plain) => seal(plain),
    decryptBytes: (sealed) => open(sealed),
    blindIndex(purpose, value) {
      return createHmac('sha256', macKey).update(`${purpose}\u0000${value}`).digest();
    },
  };
}

/**
 * The secret from CHUANYU_SECRET, or (embedded default) one generated once into the data dir
 * with mode 0600 and reused on every later start.
 */
export function resolveSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'secret.key');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) fs.chmodSync(file, 0o600);
  return fs.readFileSync(file, 'utf8').trim();
}
