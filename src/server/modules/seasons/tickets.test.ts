import { describe, expect, it } from 'vitest';
import { createFieldCrypto } from '../../platform/crypto.js';
import { parseTicket, signTicket } from './tickets.js';

const crypto = createFieldCrypto('ticket-test-secret-0123456789abcdef0123');
const other = createFieldCrypto('another-secret-0123456789abcdef01234567');

describe('tickets', () => {
  const token = signTicket(crypto, 12, 'K7PX3QMA');
  it.each([
    ['the signed token', token, { kind: 'token', eventId: 12, code: 'K7PX3QMA' }],
    ['the typed code, any case, with spaces', ' k7px 3qma ', { kind: 'code', code: 'K7PX3QMA' }],
    ['a token for another event, re-signed by a forger', token.replace('CY1.12.', 'CY1.13.'), { kind: 'forged' }],
    ['a token signed with another key', signTicket(other, 12, 'K7PX3QMA'), { kind: 'forged' }],
    ['a code with a changed character', token.replace('K7PX3QMA', 'K7PX3QMB'), { kind: 'forged' }],
    ['a code with confusable characters', 'K7PX3QM0', { kind: 'forged' }],
    ['a web address', 'https://example.com/?t=1', { kind: 'forged' }],
    ['nothing', '', { kind: 'forged' }],
  ])('reads %s', (_, input, expected) => {
    expect(parseTicket(crypto, input)).toEqual(expected);
  });
});
