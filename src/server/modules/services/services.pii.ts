import type { FieldCrypto } from '../../platform/crypto.js';
import { maskIdCard, maskPhone } from '../../../shared/validators.js';

// How worker-service records keep personal data (PIPL): ciphertext, a blind index for look-up and
// duplicates, a masked copy for lists. One blind-index purpose per kind of value across the
// services tables, so a worker's records can be found together (export, erasure) — and not joined
// with the seekers' or contests' indexes, which have their own purposes.

export const idCardHash = (crypto: FieldCrypto, idCard: string): Buffer => crypto.blindIndex('services.id_card', idCard.trim().toUpperCase());
export const phoneHash = (crypto: FieldCrypto, phone: string): Buffer => crypto.blindIndex('services.phone', phone);

/** A 身份证号 as stored. */
export function sealIdCard(crypto: FieldCrypto, idCard: string): { id_card_enc: Buffer; id_card_hash: Buffer; id_card_masked: string } {
  const value = idCard.trim().toUpperCase();
  return { id_card_enc: crypto.encrypt(value), id_card_hash: idCardHash(crypto, value), id_card_masked: maskIdCard(value) };
}

/** A phone (already normalised) as stored. */
export function sealPhone(crypto: FieldCrypto, phone: string): { phone_enc: Buffer; phone_hash: Buffer; phone_masked: string } {
  return { phone_enc: crypto.encrypt(phone), phone_hash: phoneHash(crypto, phone), phone_masked: maskPhone(phone) };
}

/** Free text a worker wrote (a request's words, a message): sealed, never indexed. */
export const sealText = (crypto: FieldCrypto, text: string): Buffer => crypto.encrypt(text);
export const openText = (crypto: FieldCrypto, sealed: Buffer | null): string | null => (sealed ? crypto.decrypt(sealed) : null);

/** The fields that hold a person, set to NULL when he erases his data (the record's facts stay for the figures). */
export const ERASED_PERSON = { name: null, phone_enc: null, phone_hash: null, phone_masked: null } as const;
