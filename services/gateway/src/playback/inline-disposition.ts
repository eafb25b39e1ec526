/**
 * The Content-Disposition a stored file is played under: inline, named as it was uploaded (an
 * ASCII fallback for old clients, the exact name in RFC 8187 form).
 */
export function inlineDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const exact = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `inline; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
