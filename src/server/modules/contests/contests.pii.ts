import type { FieldCrypto } from '../../platform/crypto.js';
import { maskIdCard, maskPhone } from '../../../shared/validators.js';

/** 身份证号 as stored for a contestant: ciphertext, blind index (one team per person per contest), mask. */
export function sealIdNumber(crypto: FieldCrypto, idNumber: string): { id_number_enc: Buffer; id_number_hash: Buffer; id_number_masked: string } {
  const value = idNumber.trim().toUpperCase();
  return { id_number_enc: crypto.encrypt(value), id_number_hash: idNumberHash(crypto, value), id_number_masked: maskIdCard(value) };
}

/** The blind index of a 身份证号 for contests (its own purpose: not joinable with seekers' index). */
export const idNumberHash = (crypto: FieldCrypto, idNumber: string): Buffer => crypto.blindIndex('contest.id_card', idNumber.trim().toUpperCase());

/** A contestant's phone as stored (optional). */
export function sealPhone(crypto: FieldCrypto, phone: string | null): { phone_enc: Buffer | null; phone_hash: Buffer | null; phone_masked: string | null } {
  if (!phone) return { phone_enc: null, phone_hash: null, phone_masked: null };
  return { phone_enc: crypto.encrypt(phone), phone_hash: crypto.blindIndex('contest.phone', phone), phone_masked: maskPhone(phone) };
}
