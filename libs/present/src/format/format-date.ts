/** A timestamp as people read it: "1 Mar 2025, 13:00" in the reader's time zone; an unreadable one as given. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
