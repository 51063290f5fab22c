/** "3 minutes ago", "yesterday", or the date: how the wiki says when something happened. */
export function when(iso: string, now: number = Date.now()): string {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const seconds = Math.round((now - t) / 1000);
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  if (Math.abs(seconds) < 60) return rtf.format(-seconds, "second");
  if (Math.abs(seconds) < 3600) return rtf.format(-Math.round(seconds / 60), "minute");
  if (Math.abs(seconds) < 86_400) return rtf.format(-Math.round(seconds / 3600), "hour");
  if (Math.abs(seconds) < 7 * 86_400) return rtf.format(-Math.round(seconds / 86_400), "day");
  return new Date(t).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}
