import { hash, verify } from '@node-rs/argon2';

// argon2id with the library defaults (19 MiB, t=2, p=1): OWASP's minimum recommendation.
export const hashPassword = (password: string): Promise<string> => hash(password);

// Verifying against a real hash when the user is unknown keeps the response time the same,
// so timing does not tell which logins exist.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hash('chuanyu-no-such-user');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
