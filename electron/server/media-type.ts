/**
 * Is this Content-Type JSON the server can read? Parsed as RFC 9110 says a media type is written: type
 * and subtype compared without regard to case, then `;`-separated parameters (token=token or
 * token="quoted"). A prefix match would let `application/jsonx` through and turn `APPLICATION/JSON`
 * away. A charset other than UTF-8 is refused: the body is read as UTF-8.
 */
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const PARAMETER = new RegExp(`^\\s*(${TOKEN})=(${TOKEN}|"(?:[^"\\\\]|\\\\.)*")\\s*$`);

export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [essence, ...parameters] = header.split(';');
  if (essence.trim().toLowerCase() !== 'application/json') return false;
  for (const parameter of parameters) {
    if (parameter.trim() === '') continue; // "application/json;" is sloppy but harmless
    const m = PARAMETER.exec(parameter);
    if (!m) return false;
    const value = m[2].startsWith('"') ? m[2].slice(1, -1).replace(/\\(.)/g, '$1') : m[2];
    if (m[1].toLowerCase() === 'charset' && value.toLowerCase() !== 'utf-8') return false;
  }
  return true;
}
