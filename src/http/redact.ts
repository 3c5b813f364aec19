// Known secret values out of any text that could be shown or logged.

/** Values shorter than this are not redacted: they would match ordinary words, and no key is that short. */
const MIN_SECRET_LENGTH = 4;

export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let clean = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) clean = clean.split(secret).join('«redacted»');
  }
  return clean;
}
